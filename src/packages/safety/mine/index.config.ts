export default definePageConfig({ navigationBarTitleText: '我的平安细胞', enablePullDownRefresh: true });
