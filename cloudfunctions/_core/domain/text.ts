/**
 * Characters no person types and nobody else can see, refused in every string a client sends
 * (the dispatcher checks the validated input once): C0/C1 control characters other than tab and
 * line breaks (NUL cuts text in some readers), the bidi embedding / override / isolate controls
 * (U+202A–U+202E, U+2066–U+2069: 「\u202e」 turns 陈书记 around, so a name can pose as another or
 * hide a phone number), the line / paragraph separators U+2028–U+2029, and lone surrogates (not
 * text at all; storage and JSON readers choke on them). Zero-width joiners stay: emoji need them.
 */
// In unicode mode a lone surrogate is a code point of its own, so \p{Cs} finds exactly those.
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

/** The first string (depth-first) holding an invisible control character, as its path; null if none. */
export function invisibleControlAt(
  value: unknown,
  path: readonly (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value === 'string') {
    return INVISIBLE.test(value) ? [...path] : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = invisibleControlAt(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const found = invisibleControlAt(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
