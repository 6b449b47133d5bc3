export default definePageConfig({ navigationBarTitleText: '确认时长', enablePullDownRefresh: true });
