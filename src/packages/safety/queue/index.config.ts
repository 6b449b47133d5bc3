export default definePageConfig({ navigationBarTitleText: '平安细胞评定', enablePullDownRefresh: true });
