import { useState } from 'react';
import type { Principal } from '../../components/ProxyPicker';

/**
 * For whom the report is filed: oneself (default), a resident who authorised this person
 * (代办, identity proxy.grant with scope reports), or — staff only — a resident who phoned or came
 * by (代居民上报, recorded as filed on their behalf).
 */
export function useFiledFor() {
  const [staffProxy, setStaffProxy] = useState(false);
  const [onBehalf, setOnBehalf] = useState<Principal>();
  const [forPrincipal, setForPrincipal] = useState<Principal>();
  const reset = () => {
    setStaffProxy(false);
    setOnBehalf(undefined);
    setForPrincipal(undefined);
  };
  /** The payload's part: whose report it is, else the grid it goes to. */
  const target = (gridId: string | undefined): { onBehalfOfUserId?: string; gridId?: string } => {
    if (staffProxy && onBehalf) return { onBehalfOfUserId: onBehalf.userId };
    if (forPrincipal) return { onBehalfOfUserId: forPrincipal.userId };
    return gridId ? { gridId } : {};
  };
  return { staffProxy, setStaffProxy, onBehalf, setOnBehalf, forPrincipal, setForPrincipal, reset, target };
}
export type FiledFor = ReturnType<typeof useFiledFor>;
