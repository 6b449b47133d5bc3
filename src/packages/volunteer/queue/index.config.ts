export default definePageConfig({ navigationBarTitleText: '服务兑换审核', enablePullDownRefresh: true });
