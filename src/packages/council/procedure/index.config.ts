export default definePageConfig({ navigationBarTitleText: '事项进程', enablePullDownRefresh: true });
