export default definePageConfig({ navigationBarTitleText: '举报受理员', enablePullDownRefresh: true });
