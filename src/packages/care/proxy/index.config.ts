// enableShareAppMessage: useShareAppMessage (the helper's share card) only works when the page declares it.
export default definePageConfig({
  navigationBarTitleText: '代办授权',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
