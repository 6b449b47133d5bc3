/**
 * h5: runs `fn` once the first page is up — after the window's load event (the first page's
 * preloaded scripts) and then an idle moment, at most a second later — so work the first paint
 * does not need (the tab bar's web component, the report queue) stops competing with it (issue 19).
 */
export function afterFirstPage(fn: () => void): void {
  const idle = () => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(fn, { timeout: 1000 });
    else window.setTimeout(fn, 0);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
