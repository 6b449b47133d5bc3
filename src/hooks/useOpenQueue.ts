import { useState } from 'react';
import { type Page, usePaged } from './usePaged';

/**
 * A desk's queue: one status filter, the list of that status page by page, and the one row opened
 * in place. Picking another filter closes the open row (it belongs to the other list).
 */
export function useOpenQueue<F extends string, P extends Page<{ id: string }>>(
  initial: F,
  load: (filter: F, skip: number) => Promise<P>,
) {
  const [filter, setFilter] = useState<F>(initial);
  const [open, setOpen] = useState<string | null>(null);
  const list = usePaged((skip) => load(filter, skip), [filter]);
  const pick = (next: F) => {
    setFilter(next);
    setOpen(null);
  };
  const toggle = (id: string) => setOpen((current) => (current === id ? null : id));
  return { filter, pick, open, setOpen, toggle, list };
}

export type OpenQueue<F extends string, P extends Page<{ id: string }>> = ReturnType<typeof useOpenQueue<F, P>>;
