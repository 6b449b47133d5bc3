export default definePageConfig({ navigationBarTitleText: '乡贤监督员选任', enablePullDownRefresh: true });
