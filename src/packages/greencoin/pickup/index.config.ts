export default definePageConfig({ navigationBarTitleText: '凭码领取' });
