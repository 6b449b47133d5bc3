import { type ComponentProps, lazy, Suspense } from 'react';
import type { ConfirmDialog as NutDialog } from './confirmDialog';

/**
 * h5 (Taro picks this file over confirmDialog.ts when TARO_ENV is h5): every page mounts the confirm
 * host, but it shows a dialog only when asked, so NutUI's Dialog, its overlay, transitions and
 * styles (~20 KB of script and 8 KB of CSS) no longer come before the first page (issue 19). They
 * are fetched right after it (prefetchConfirmDialog, from app.h5.ts), so a dialog opens at once —
 * offline too, as 随手拍 asks for one when a report is queued without a network.
 */
const load = () => import('./nutDialog');
const Lazy = lazy(load);

export function ConfirmDialog(props: ComponentProps<typeof NutDialog>) {
  return (
    <Suspense fallback={null}>
      <Lazy {...props} />
    </Suspense>
  );
}

export function prefetchConfirmDialog(): void {
  // A failed fetch (already offline) is fetched again when a dialog is first asked for.
  void load().catch(() => undefined);
}
