export default definePageConfig({ navigationBarTitleText: '用印登记与办理统计', enablePullDownRefresh: true });
