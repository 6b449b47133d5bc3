export default definePageConfig({ navigationBarTitleText: '监督意见', enablePullDownRefresh: true });
