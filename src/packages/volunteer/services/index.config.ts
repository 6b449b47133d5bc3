export default definePageConfig({ navigationBarTitleText: '积分兑换服务', enablePullDownRefresh: true });
