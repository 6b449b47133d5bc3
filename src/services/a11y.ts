/**
 * h5 only: repairs what Taro's h5 components and NutUI render that screen readers (and axe-core)
 * cannot use, once, for every page:
 * - NutUI's Switch passes `ariaRole`, which Taro's h5 View writes as the invalid `aria-role`
 *   attribute: it becomes `role`;
 * - Taro's page containers and our horizontal chip rows scroll but cannot take focus, so a
 *   keyboard user cannot scroll them: they get tabindex 0;
 * - file inputs NutUI's Uploader adds get a label;
 * - Taro's h5 Image puts aria-label on its wrapper, not on the <img>: the label becomes its alt.
 */
const SCROLLERS = '.taro_page, .tabs-row, .nut-virtualList-box';

/** `root` itself and what is inside it that matches `selector`. */
function within<T extends Element>(root: ParentNode, selector: string): T[] {
  const inside = [...root.querySelectorAll<T>(selector)];
  return root instanceof Element && root.matches(selector) ? [root as T, ...inside] : inside;
}

function repair(root: ParentNode): void {
  for (const el of within<HTMLElement>(root, '[aria-role]')) {
    el.setAttribute('role', el.getAttribute('aria-role') ?? '');
    el.removeAttribute('aria-role');
  }
  for (const el of within<HTMLElement>(root, SCROLLERS)) {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
  }
  for (const el of within<HTMLInputElement>(root, 'input[type="file"]:not([aria-label])')) {
    el.setAttribute('aria-label', '选择照片');
  }
  for (const img of within<HTMLImageElement>(root, 'img:not([alt])')) {
    const label = img.closest('[aria-label]')?.getAttribute('aria-label');
    if (label) img.setAttribute('alt', label);
  }
}

export function repairAccessibility(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    // Batched per frame: pages render in bursts and one pass covers them (and what changed in place).
    requestAnimationFrame(() => {
      queued = false;
      repair(document);
    });
  };
  // What was added is repaired in the observer's callback too, before the browser paints or anything
  // reads the page: the frame's pass alone left a just-rendered list unfocusable until the next
  // frame, and an accessibility check made in between failed (the care walk, once in a merged run).
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) repair(node);
    schedule();
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributeFilter: ['aria-role'],
  });
  schedule();
}
