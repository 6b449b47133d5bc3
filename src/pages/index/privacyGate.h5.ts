import { type ComponentType, lazy } from 'react';
import type { PrivacyGate as Gate } from '../../components/PrivacyGate';

/**
 * h5 (Taro picks this file over privacyGate.ts when TARO_ENV is h5): the privacy notice shows only
 * to a person who has not accepted it yet, so its NutUI Popup (with the selector queries it measures
 * with) is fetched for them alone, not before every returning person's home (issue 19). The home
 * renders it only when consent is needed, inside Suspense.
 */
export const PrivacyGate: ComponentType<Parameters<typeof Gate>[0]> = lazy(() =>
  import('../../components/PrivacyGate').then((m) => ({ default: m.PrivacyGate })),
);
