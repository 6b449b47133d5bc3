import { describe, expect, it } from 'vitest';
import { ariaAttributes } from '../../src/h5/aria';

/** NutUI's mini-program ARIA spelling on Taro's h5 HTML View (src/h5/View.ts, issue 19). */
describe('ariaAttributes', () => {
  it('spells NutUI Switch props for the DOM', () => {
    const out = ariaAttributes({
      className: 'nut-switch',
      ariaRole: 'switch',
      ariaChecked: false,
      ariaDisabled: true,
      ariaLabel: '关怀模式',
    });
    expect(out).toEqual({
      className: 'nut-switch',
      role: 'switch',
      'aria-checked': false,
      'aria-disabled': true,
      'aria-label': '关怀模式',
    });
  });

  it('returns the very object when nothing needs spelling, and keeps DOM spellings as they are', () => {
    const props = { className: 'card', 'aria-label': '未读', role: 'img', arial: 1, aria: 2 };
    expect(ariaAttributes(props)).toBe(props);
  });

  it('drops unset values instead of writing "undefined"', () => {
    expect(ariaAttributes({ ariaLabel: undefined, ariaHidden: null, ariaRole: 'button' })).toEqual({ role: 'button' });
  });

  it('lower-cases compound names as ARIA spells them', () => {
    expect(ariaAttributes({ ariaLabelledby: 'a', ariaDescribedBy: 'b' })).toEqual({
      'aria-labelledby': 'a',
      'aria-describedby': 'b',
    });
  });
});
