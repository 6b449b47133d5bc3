/**
 * NutUI writes ARIA for the mini-program (`ariaRole`, `ariaChecked`, `ariaLabel`, `ariaDisabled` on
 * View); the DOM wants `role` and `aria-*`. Returns the same object when there is nothing to spell
 * (most Views), so the common render pays one scan of the keys.
 */
export function ariaAttributes<P extends Record<string, unknown>>(props: P): P {
  let out: Record<string, unknown> | undefined;
  for (const key in props) {
    // 'aria' then an upper-case letter: the mini-program spelling (`aria-label` passes as it is).
    if (key.length < 5 || !key.startsWith('aria')) continue;
    const fifth = key.charCodeAt(4);
    if (fifth < 65 || fifth > 90) continue;
    out ??= { ...props };
    const value = out[key];
    delete out[key];
    if (value === undefined || value === null) continue;
    out[key === 'ariaRole' ? 'role' : `aria-${key.slice(4).toLowerCase()}`] = value;
  }
  return (out as P | undefined) ?? props;
}
