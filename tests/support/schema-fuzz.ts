/** Payload generators driven by each action's JSON Schema (from the catalogue), with a seeded RNG. */
export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Schema = Record<string, any>;
const CHARS = 'abcXYZ019 社区网格绿币议事-_.,！？';
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** A value that is plausible for the schema (often valid, sometimes not: both must be answered cleanly). */
export function generate(schema: Schema, rng: Rng, depth = 0): unknown {
  if (depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return pick(rng, schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) return generate(pick(rng, variants), rng, depth + 1);
  const type = Array.isArray(schema.type) ? pick(rng, schema.type) : schema.type;
  switch (type) {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? min + 24, min + 24);
      return Array.from({ length: between(rng, min, max) }, () => pick(rng, [...CHARS])).join('');
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -5);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 1000);
      const value = between(rng, Math.ceil(min), Math.floor(Math.max(min, Math.min(max, min + 1_000_000))));
      return type === 'number' && rng() < 0.3 ? value + 0.5 : value;
    }
    case 'boolean':
      return rng() < 0.5;
    case 'null':
      return null;
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 3, min + 3);
      return Array.from({ length: between(rng, min, max) }, () => generate(schema.items ?? {}, rng, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [key, child] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.has(key) || rng() < 0.6) out[key] = generate(child, rng, depth + 1);
      }
      return out;
    }
    default:
      return pick(rng, ['x', 1, true, null]);
  }
}

/** The declared properties of an object schema with a representative type each. */
export function propertiesOf(schema: Schema): Array<[name: string, type: string]> {
  return Object.entries<Schema>(schema.properties ?? {}).map(([name, child]) => {
    const first = child.anyOf?.[0] ?? child.oneOf?.[0] ?? child;
    return [
      name,
      String(Array.isArray(first.type) ? first.type[0] : (first.type ?? (first.enum ? 'enum' : 'unknown'))),
    ];
  });
}

/** A value of a different JSON type than `type`. */
export function wrongTypeFor(type: string): unknown {
  switch (type) {
    case 'string':
    case 'enum':
      return 12345;
    case 'integer':
    case 'number':
      return '12';
    case 'boolean':
      return 'true';
    case 'array':
      return { length: 1 };
    case 'object':
      return [1, 2];
    default:
      return Symbol.for('unused') as unknown as string;
  }
}

export function deeplyNested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { nested: value };
  return value;
}

export const MONGO_OPERATORS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { $in: [] },
];

/** Strings that break naive code: lone surrogates, NUL, bidi overrides, zero-width joiners, astral emoji. */
export const UNICODE_EDGE_CASES = [
  '\ud800',
  'a\u0000b',
  '\u202eevil',
  '👩‍👩‍👧‍👦',
  '𠀀𠀁',
  '\ufeff',
  'ｆｕｌｌ',
  ' ',
  '\n\r\t',
];
