export default definePageConfig({ navigationBarTitleText: '平安光荣榜', enablePullDownRefresh: true });
