export default definePageConfig({ navigationBarTitleText: '兑换审核', enablePullDownRefresh: true });
