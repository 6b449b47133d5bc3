export default definePageConfig({ navigationBarTitleText: '申请平安细胞' });
