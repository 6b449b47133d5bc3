export default definePageConfig({ navigationBarTitleText: '乡贤资格审查与审定', enablePullDownRefresh: true });
