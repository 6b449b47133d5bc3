export default definePageConfig({ navigationBarTitleText: '议事公告', enablePullDownRefresh: true });
