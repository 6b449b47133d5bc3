/**
 * The controls a finger taps that both care walks measure (44 × 44 px in 长辈版): the h5 one in a
 * browser (tests/e2e/care-pages.test.ts) and the weapp one over the built WXSS (tests/weapp/care-check.ts).
 * Each adds what only its build renders (h5's roles and tab bar items, weapp's native fields).
 */
export const CARE_TAP_TARGETS = [
  '.nut-button',
  '.nut-cell-clickable',
  '.nut-grid-item',
  '.nut-switch',
  '.nut-checkbox',
  '.nut-radio',
  '.nut-inputnumber-minus',
  '.nut-inputnumber-add',
  '.nut-tabs-titles-item',
  '.nut-searchbar-input',
  '.chip',
  '.tab-chip',
  '.photo-add',
  '.photo-remove',
  'textarea',
] as const;
