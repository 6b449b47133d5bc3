export default definePageConfig({ navigationBarTitleText: '居民议题', enablePullDownRefresh: true });
