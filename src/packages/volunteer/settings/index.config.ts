export default definePageConfig({ navigationBarTitleText: '积分规则与服务', enablePullDownRefresh: true });
