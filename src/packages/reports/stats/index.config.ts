export default definePageConfig({ navigationBarTitleText: '事项统计', enablePullDownRefresh: true });
