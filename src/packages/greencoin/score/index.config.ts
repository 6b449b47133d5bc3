export default definePageConfig({ navigationBarTitleText: '绿币评定' });
