export default definePageConfig({ navigationBarTitleText: '志愿者管理', enablePullDownRefresh: true });
