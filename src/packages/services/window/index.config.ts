export default definePageConfig({ navigationBarTitleText: '服务窗口', enablePullDownRefresh: true });
