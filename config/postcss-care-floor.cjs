/**
 * weapp only (config/index.ts mini.postcss, after pxtransform): 长辈版 sizes and tap targets never
 * fall below what they are on the 375 px design phone. pxtransform turns 18px into 36rpx, and rpx
 * scales with the screen: on a 360 px Android phone (the narrowest common one) 长辈版 text was
 * 17.3 px and 44 px targets 42.2 px (tests/weapp/care.test.ts measures both widths). So
 * - every rpx length of a `.care` rule becomes max(<rpx>, <its px at 375>);
 * - a min-height / min-width of 88rpx or more (the 44 px target, in either mode) likewise.
 * A wider phone still grows them; a narrower one no longer shrinks them. WeChat's wcsc and webviews
 * take CSS max() (wcsc rewrites the rpx inside it).
 */
const CARE = /\.care(?![\w-])/;
/** designWidth 375 (config/index.ts): 2 rpx to the px. */
const RPX_PER_PX = 2;
const TARGET_RPX = 88;

const floored = (value) =>
  value.replace(/(\d*\.?\d+)rpx/g, (length, n, at, whole) =>
    whole[at - 1] === '-' || Number(n) === 0 ? length : `max(${length},${Number(n) / RPX_PER_PX}px)`,
  );

module.exports = () => ({
  postcssPlugin: 'gongzhi-care-floor',
  Declaration(decl) {
    const rule = decl.parent;
    if (rule?.type !== 'rule' || !decl.value.includes('rpx') || decl.value.includes('max(')) return;
    if (CARE.test(rule.selector)) {
      decl.value = floored(decl.value);
      return;
    }
    const target = /^(\d*\.?\d+)rpx$/.exec(decl.value.trim());
    if ((decl.prop === 'min-height' || decl.prop === 'min-width') && target && Number(target[1]) >= TARGET_RPX)
      decl.value = floored(decl.value);
  },
});
module.exports.postcss = true;
