import { type ComponentType, lazy } from 'react';
import type { Entry } from '../../services/entries';

/**
 * h5 (Taro picks this file over functionGrid.ts when TARO_ENV is h5): the grid, its 20-odd SVG
 * icons and NutUI's Grid are a chunk of their own, fetched while the greeting is already shown,
 * instead of bytes and script the first paint waits for (issue 19). The home wraps it in Suspense.
 */
export const FunctionGrid: ComponentType<{ entries: Entry[]; care: boolean }> = lazy(() => import('./FunctionGrid'));
