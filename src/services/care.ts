import Taro from '@tarojs/taro';

/**
 * 关怀模式 (care mode) for older residents: larger text and tap targets, stronger contrast and a
 * simpler home page. On when the person switched it on in 我的, or, until they choose, when
 * WeChat's own font scale is enlarged (`fontSizeScaleFactor`).
 */
const CARE_KEY = 'gongzhi.care';
/** WeChat's font steps are 1, 1.1, 1.2 …: from the second enlarged step on, care mode helps. */
const SYSTEM_SCALE_THRESHOLD = 1.15;

type Choice = 'on' | 'off';

function storedChoice(): Choice | undefined {
  try {
    const value = Taro.getStorageSync(CARE_KEY) as string;
    return value === 'on' || value === 'off' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The system font scale where the platform reports it (weapp base library ≥ 2.20.1), else 1. */
export function systemFontScale(): number {
  // h5 has no such setting (Taro's h5 getAppBaseInfo has no fontSizeScaleFactor), and reading it
  // there put taro-h5's system-info module and the `platform` library in the first load (issue 19).
  // In the branch, not after an early return: webpack drops the import only from a branch it skips.
  if (process.env.TARO_ENV !== 'h5') {
    try {
      const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : undefined;
      const scale = (info as { fontSizeScaleFactor?: number } | undefined)?.fontSizeScaleFactor;
      if (typeof scale === 'number' && scale > 0) return scale;
    } catch {
      // an old base library: no scale to read
    }
  }
  return 1;
}

export function careEnabled(): boolean {
  const choice = storedChoice();
  if (choice) return choice === 'on';
  return systemFontScale() >= SYSTEM_SCALE_THRESHOLD;
}

const listeners = new Set<(on: boolean) => void>();

export function onCareChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * h5: one class on <html> restyles every page at once (app.scss). Mini-program pages have no
 * shared root, so there every page renders inside `Page` (components/Page.tsx), which adds the
 * same class from useCare: tab pages and subpackage pages alike.
 */
export function applyCare(on = careEnabled()): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle('care', on);
  }
}

export function setCare(on: boolean): void {
  try {
    Taro.setStorageSync(CARE_KEY, on ? 'on' : 'off');
  } catch {
    // not persisted, still applied for this visit
  }
  applyCare(on);
  for (const listener of listeners) listener(on);
}
