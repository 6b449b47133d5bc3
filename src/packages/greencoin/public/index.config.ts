export default definePageConfig({ navigationBarTitleText: '绿币公开账本', enablePullDownRefresh: true });
