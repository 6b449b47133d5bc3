// The benchmark's baseline: an empty Taro + React + NutUI page, built with the product's own config.
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: 'baseline' },
});
