export default definePageConfig({ navigationBarTitleText: '发起四议两公开' });
