export default definePageConfig({ navigationBarTitleText: '共治', enablePullDownRefresh: true });
