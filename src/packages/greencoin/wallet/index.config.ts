export default definePageConfig({ navigationBarTitleText: '我的绿币', enablePullDownRefresh: true });
