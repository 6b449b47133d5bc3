export default definePageConfig({ navigationBarTitleText: '时长申诉', enablePullDownRefresh: true });
