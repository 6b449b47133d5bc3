export default definePageConfig({ navigationBarTitleText: '领取设置', enablePullDownRefresh: true });
