/**
 * h5: runs each `fn` once the first page is up — after the window's load event, once the first
 * page has rendered into its `.taro_page` and that frame is painted, in an idle moment (at most a
 * second later) — so work the first paint does not need (the tab bar's web component, the confirm
 * dialog, the report queue) stops competing with it (issue 19). `load` alone was too early: the
 * first page's preloaded scripts are in by then but not yet rendered, and Lighthouse's largest
 * paint then waited for the tab bar's Stencil runtime as well.
 */
const rendered = (): boolean => (document.querySelector('.taro_page')?.childElementCount ?? 0) > 0;

let waiting: (() => void)[] | null = null;
let up = false;

function idle(fn: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(fn, { timeout: 1000 });
  else window.setTimeout(fn, 0);
}

function firstPageUp(): void {
  up = true;
  for (const fn of waiting ?? []) idle(fn);
  waiting = null;
}

function watch(): void {
  // The task after the next frame: that frame has painted the page.
  const afterPaint = () => requestAnimationFrame(() => window.setTimeout(firstPageUp, 0));
  const whenRendered = () => {
    if (rendered()) return afterPaint();
    const observer = new MutationObserver(() => {
      if (!rendered()) return;
      observer.disconnect();
      window.clearTimeout(fallback);
      afterPaint();
    });
    // A page that never renders (its code failed to load) must not hold the rest back for ever.
    const fallback = window.setTimeout(() => {
      observer.disconnect();
      firstPageUp();
    }, 5000);
    observer.observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === 'complete') whenRendered();
  else window.addEventListener('load', whenRendered, { once: true });
}

export function afterFirstPage(fn: () => void): void {
  if (up) {
    idle(fn);
    return;
  }
  if (!waiting) {
    waiting = [];
    watch();
  }
  waiting.push(fn);
}
