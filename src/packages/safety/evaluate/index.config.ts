export default definePageConfig({ navigationBarTitleText: '评定平安细胞' });
