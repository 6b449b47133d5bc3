export default definePageConfig({ navigationBarTitleText: 'baseline' });
