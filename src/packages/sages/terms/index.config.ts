export default definePageConfig({ navigationBarTitleText: '乡贤监督员任期', enablePullDownRefresh: true });
