/**
 * 长辈版 measured on the weapp build without a layout engine: the built WXSS (app.wxss and the page's
 * own, @imports followed, rpx → px at WeChat's 375 px width) cascaded over the page's rendered WXML
 * as exparser built it. What can be decided from rules alone is decided: each text's font-size (var()
 * and inheritance resolved), each tappable control's height from its height / min-height / padding /
 * line-height, words a person should not meet (English, raw ISO times, ids, error codes), and
 * disabled buttons that do not say why. Mirrors tests/e2e/care-pages.test.ts's h5 measures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import postcss from 'postcss';
import { CARE_TAP_TARGETS } from '../support/care-targets';
import { DIST } from './compiler';

/**
 * WeChat's rpx: 750 rpx is the screen's width. 375 px (the design width) unless a check names
 * another: 360 px is the narrowest common Android phone, where 36 rpx is 17.3 px.
 */
export const DESIGN_WIDTH = 375;
const rpxToPx = (value: string, width: number) =>
  value.replace(/(-?\d*\.?\d+)rpx/g, (_, n) => `${Math.round(Number(n) * (width / 750) * 1000) / 1000}px`);
/** A page's text when no rule sizes it (WeChat's webview default). */
const DEFAULT_FONT_PX = 16;
/** "normal" line-height of the system CJK font, for a row whose height no rule gives. */
const NORMAL_LINE = 1.4;
export const CARE_TEXT_PX = 18;
export const TARGET_PX = 44;

interface Rule {
  selector: string;
  specificity: number;
  order: number;
  decls: Map<string, { value: string; important: boolean }>;
}

const styleCache = new Map<string, Rule[]>();

function specificityOf(selector: string): number {
  const s = selector.replace(/::?[a-z-]+\(([^)]*)\)/g, ' $1 ');
  const ids = (s.match(/#[\w-]+/g) ?? []).length;
  const classes = (s.match(/\.[\w-]+|\[[^\]]+\]|:(?!:)[\w-]+/g) ?? []).length;
  const tags = (s.replace(/\.[\w-]+|#[\w-]+|\[[^\]]+\]|:[\w-]+/g, ' ').match(/(^|[\s>+~])[a-z][\w-]*/gi) ?? []).length;
  return ids * 10_000 + classes * 100 + tags;
}

/** The rules of one wxss file and everything it @imports, in source order (rpx in px already). */
function readWxss(file: string, out: Rule[], seen: Set<string>, width: number) {
  if (seen.has(file)) return;
  seen.add(file);
  const css = rpxToPx(readFileSync(file, 'utf8'), width);
  const root = postcss.parse(css);
  root.each((node) => {
    if (node.type === 'atrule' && node.name === 'import') {
      readWxss(path.resolve(path.dirname(file), node.params.replace(/['";]/g, '').trim()), out, seen, width);
    } else if (node.type === 'rule') {
      const decls = new Map<string, { value: string; important: boolean }>();
      node.walkDecls((d) => {
        decls.set(d.prop, { value: d.value, important: d.important ?? false });
      });
      for (const selector of node.selectors) {
        // A pseudo-element draws no text or target of its own.
        if (/::|:(before|after|placeholder)/.test(selector)) continue;
        out.push({ selector, specificity: specificityOf(selector), order: out.length, decls });
      }
    }
  });
}

/** app.wxss then the page's wxss: WeChat applies both to the page (and custom-wrapper shares them). */
export function pageRules(route: string, width = DESIGN_WIDTH): Rule[] {
  const cached = styleCache.get(`${route}@${width}`);
  if (cached) return cached;
  const rules: Rule[] = [];
  const seen = new Set<string>();
  readWxss(path.join(DIST, 'app.wxss'), rules, seen, width);
  readWxss(path.join(DIST, `${route}.wxss`), rules, seen, width);
  styleCache.set(`${route}@${width}`, rules);
  return rules;
}

/**
 * The rendered tree as WXSS sees it: exparser's `wx-view` is a `view`, the page root is `page`, and
 * miniprogram-simulate's per-component class prefix (`main--`) is dropped.
 */
export function styleTree(rendered: HTMLElement): Document {
  const html = rendered.outerHTML
    .replace(/<(\/?)main\b/g, '<$1page')
    .replace(/<(\/?)wx-([a-z-]+)/g, '<$1$2')
    .replace(/class="([^"]*)"/g, (_, list: string) => `class="${list.replace(/(^|\s)[\w-]+?--/g, '$1')}"`);
  return new JSDOM(`<!doctype html><html><body>${html}</body></html>`).window.document;
}

interface Computed {
  vars: Map<string, string>;
  fontSize: number;
  lineHeight: string;
  decl: Map<string, string>;
  hidden: boolean;
}

/** The rule's key: the first class of its rightmost part, else its tag, else '*'; an element only meets rules under its keys. */
function ruleKey(selector: string): string {
  const last =
    selector
      .trim()
      .split(/[\s>+~]+/)
      .pop() ?? '';
  const cls = /\.([\w-]+)/.exec(last);
  if (cls) return `.${cls[1]}`;
  const tag = /^([a-z][\w-]*)/i.exec(last);
  return tag ? (tag[1] as string).toLowerCase() : '*';
}

export class CareStyles {
  private readonly computed = new Map<Element, Computed>();
  private readonly byKey = new Map<string, Rule[]>();
  constructor(
    rules: Rule[],
    private readonly screen = DESIGN_WIDTH,
  ) {
    for (const rule of rules) {
      const key = ruleKey(rule.selector);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), rule]);
    }
  }

  private candidates(el: Element): Rule[] {
    const keys = ['*', el.tagName.toLowerCase(), ...[...el.classList].map((c) => `.${c}`)];
    return keys.flatMap((k) => this.byKey.get(k) ?? []);
  }

  private declared(el: Element): Map<string, string> {
    const won = new Map<string, { value: string; rank: number[] }>();
    const offer = (prop: string, value: string, rank: number[]) => {
      const prev = won.get(prop);
      if (!prev || compareRank(rank, prev.rank) >= 0) won.set(prop, { value, rank });
    };
    for (const rule of this.candidates(el)) {
      let hit = false;
      try {
        hit = el.matches(rule.selector);
      } catch {
        // a selector jsdom cannot read (WeChat-only syntax) matches nothing here
      }
      if (!hit) continue;
      for (const [prop, d] of rule.decls) {
        const rank = [d.important ? 1 : 0, 0, rule.specificity, rule.order];
        offer(prop, d.value, rank);
        // The `font` shorthand sets the size too (NutUI's textarea has `font: inherit`).
        if (prop === 'font') offer('font-size', fontShorthandSize(d.value), rank);
      }
    }
    for (const part of (el.getAttribute('style') ?? '').split(';')) {
      const at = part.indexOf(':');
      if (at < 0) continue;
      const prop = part.slice(0, at).trim();
      const value = rpxToPx(part.slice(at + 1).trim(), this.screen);
      const important = /!important$/.test(value);
      offer(prop, value.replace(/\s*!important$/, ''), [important ? 1 : 0, 1, 0, 0]);
    }
    return new Map([...won].map(([k, v]) => [k, v.value]));
  }

  /** A declared value with var() replaced by what the element inherits or sets. */
  resolve(value: string, vars: Map<string, string>, depth = 0): string {
    if (depth > 10) return value;
    const at = value.indexOf('var(');
    if (at < 0) return value;
    let level = 0;
    let end = at + 4;
    for (; end < value.length; end++) {
      if (value[end] === '(') level++;
      else if (value[end] === ')') {
        if (level === 0) break;
        level--;
      }
    }
    const inner = value.slice(at + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? '' : inner.slice(comma + 1).trim();
    const replaced = vars.has(name) ? (vars.get(name) as string) : fallback;
    return this.resolve(value.slice(0, at) + replaced + value.slice(end + 1), vars, depth + 1);
  }

  style(el: Element): Computed {
    const known = this.computed.get(el);
    if (known) return known;
    const parent = el.parentElement && el.parentElement.tagName !== 'BODY' ? this.style(el.parentElement) : undefined;
    const decl = this.declared(el);
    const vars = new Map(parent?.vars ?? []);
    for (const [prop, value] of decl) if (prop.startsWith('--')) vars.set(prop, value);
    for (const [name, value] of vars) vars.set(name, this.resolve(value, vars));
    const parentSize = parent?.fontSize ?? DEFAULT_FONT_PX;
    const sizeValue = decl.get('font-size');
    const fontSize = sizeValue ? (toPx(this.resolve(sizeValue, vars), parentSize) ?? parentSize) : parentSize;
    const line = decl.get('line-height');
    const lineHeight = line ? this.resolve(line, vars) : (parent?.lineHeight ?? 'normal');
    const resolved = new Map([...decl].map(([k, v]) => [k, this.resolve(v, vars)]));
    const hidden =
      (parent?.hidden ?? false) ||
      resolved.get('display') === 'none' ||
      el.hasAttribute('hidden') ||
      resolved.get('visibility') === 'hidden';
    const out: Computed = { vars, fontSize, lineHeight, decl: resolved, hidden };
    this.computed.set(el, out);
    return out;
  }

  /** A box length in px; a percentage is of the container, which rules alone do not size: undefined. */
  private length(el: Element, prop: string): number | undefined {
    const s = this.style(el);
    const v = s.decl.get(prop);
    return v === undefined || v.trim().endsWith('%') ? undefined : toPx(v, s.fontSize);
  }

  private padding(el: Element, side: 'top' | 'bottom' | 'left' | 'right'): number {
    const own = this.length(el, `padding-${side}`);
    if (own !== undefined) return own;
    const short = this.style(el).decl.get('padding');
    if (!short) return 0;
    const parts = short.split(/\s+/);
    const index = { top: 0, right: 1, bottom: 2, left: 3 }[side];
    const pick = [parts[0], parts[1] ?? parts[0], parts[2] ?? parts[0], parts[3] ?? parts[1] ?? parts[0]][index];
    return toPx(pick ?? '0', this.style(el).fontSize) ?? 0;
  }

  lineBox(el: Element): number {
    const s = this.style(el);
    const v = s.lineHeight;
    if (v === 'normal') return s.fontSize * NORMAL_LINE;
    if (/^[\d.]+$/.test(v)) return Number(v) * s.fontSize;
    return toPx(v, s.fontSize) ?? s.fontSize * NORMAL_LINE;
  }

  /** The element's border-box height as far as rules decide it (content estimated from its lines and children). */
  height(el: Element, depth = 0): number {
    const s = this.style(el);
    if (s.hidden) return 0;
    const borderBox = s.decl.get('box-sizing') === 'border-box';
    const pad = this.padding(el, 'top') + this.padding(el, 'bottom');
    const fixed = this.length(el, 'height');
    const min = this.length(el, 'min-height') ?? 0;
    const box = (h: number) => (borderBox ? h : h + pad);
    if (fixed !== undefined) return Math.max(box(fixed), box(min));
    const text = ownText(el) ? this.lineBox(el) : 0;
    const kids = depth > 8 ? [] : [...el.children].map((c) => this.height(c, depth + 1));
    const display = s.decl.get('display') ?? '';
    const row = /flex/.test(display) && !/column/.test(s.decl.get('flex-direction') ?? '');
    const content = Math.max(text, row ? Math.max(0, ...kids) : kids.reduce((a, b) => a + b, 0));
    return Math.max(content + pad, box(min));
  }

  /** Width, when rules fix it or the element is inline (shrinks to its words); undefined when it fills its row. */
  width(el: Element): number | undefined {
    const s = this.style(el);
    const borderBox = s.decl.get('box-sizing') === 'border-box';
    const pad = this.padding(el, 'left') + this.padding(el, 'right');
    const fixed = this.length(el, 'width');
    const min = this.length(el, 'min-width') ?? 0;
    const box = (w: number) => (borderBox ? w : w + pad);
    if (fixed !== undefined) return Math.max(box(fixed), box(min));
    if (!/inline/.test(s.decl.get('display') ?? '')) return undefined;
    const words = (el.textContent ?? '').trim();
    const content = [...words].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) <= 0xff ? 0.55 : 1), 0) * s.fontSize;
    return Math.max(content + pad, box(min));
  }
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** A CSS length in px (em/% against `em`); undefined for auto, calc and the like. */
function toPx(value: string, em: number): number | undefined {
  const v = value.trim();
  // max()/min() of lengths (the weapp care floor is max(<rpx>, <px>): config/postcss-care-floor.cjs).
  const fn = /^(max|min)\((.*)\)$/.exec(v);
  if (fn) {
    const parts = topLevelCommas(fn[2] as string).map((p) => toPx(p, em));
    if (parts.some((p) => p === undefined)) return undefined;
    return (fn[1] === 'max' ? Math.max : Math.min)(...(parts as number[]));
  }
  const m = /^(-?\d*\.?\d+)(px|em|rem|%)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'em':
      return n * em;
    case 'rem':
      return n * DEFAULT_FONT_PX;
    case '%':
      return (n / 100) * em;
    default:
      return n;
  }
}

function topLevelCommas(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

/** The size part of a `font` shorthand ("inherit" for the keywords and for what we cannot read). */
function fontShorthandSize(value: string): string {
  const size = /(?:^|\s)(-?\d*\.?\d+(?:px|em|rem|%))(?:\/\S+)?(?:\s|$)/.exec(value);
  return size?.[1] ?? 'inherit';
}

function ownText(el: Element): string {
  return [...el.childNodes]
    .filter((n) => n.nodeType === 3)
    .map((n) => n.textContent?.trim() ?? '')
    .join('');
}

/** What a finger taps: the controls tests/e2e/care-pages.test.ts measures, as weapp renders them. */
const TARGETS = [...CARE_TAP_TARGETS, 'input', 'picker'].join(', ');

export interface CareFindings {
  small: string[];
  targets: string[];
  words: string[];
  silent: string[];
}

/** Words an older reader should not meet: English, machine times, ids, error codes, leaked values. */
const FOREIGN: Array<[RegExp, string]> = [
  [/\d{4}-\d{2}-\d{2}/, 'date as digits'],
  [/T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}\.\d+Z?/, 'raw ISO time'],
  [/\b(undefined|null|NaN|true|false)\b|\[object/, 'leaked value'],
  // A mask of X's shows the shape of a code to type (XXXX-XXXX-XXXX), not an error code.
  [/\b(?!X+\b)[A-Z][A-Z_]{3,}\b/, 'code'],
  [/\b[a-z]+(?:-[a-z0-9]+){1,}\b/, 'id'],
  [/(?!X+\b)\b[A-Za-z]{4,}/, 'English'],
];

const label = (el: Element, text = el.textContent ?? '') =>
  `「${text.replace(/\s+/g, ' ').trim().slice(0, 12)}」.${[...el.classList].slice(0, 2).join('.') || el.tagName.toLowerCase()}`;

/** Measures one rendered page in care mode; each list names its offenders. */
export function checkCare(route: string, rendered: HTMLElement | Document, width = DESIGN_WIDTH): CareFindings {
  // A style tree already made (styleTree) serves several widths.
  const doc = 'body' in rendered ? rendered : styleTree(rendered);
  const css = new CareStyles(pageRules(route, width), width);
  const small = new Set<string>();
  const targets = new Set<string>();
  const words = new Set<string>();
  const silent = new Set<string>();
  const all = [...doc.body.querySelectorAll('*')];
  for (const el of all) {
    const s = css.style(el);
    if (s.hidden) continue;
    // What a person types shows in the field's own font (an input has no text node of its own).
    const field = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
    const text = field ? `${el.tagName.toLowerCase()}` : ownText(el);
    if (!text) continue;
    if (field) {
      if (s.fontSize < CARE_TEXT_PX - 0.01) small.add(`typed text in ${label(el, '')} ${round(s.fontSize)}px`);
      continue;
    }
    if (s.fontSize < CARE_TEXT_PX - 0.01) small.add(`${label(el, text)} ${round(s.fontSize)}px`);
    for (const [pattern, what] of FOREIGN) {
      const hit = pattern.exec(text);
      if (hit) words.add(`${what} 「${hit[0]}」 in ${label(el, text)}`);
    }
  }
  for (const el of doc.body.querySelectorAll(TARGETS)) {
    if (css.style(el).hidden) continue;
    // A target inside a target (NutUI's inner wrap) is measured as its outer one.
    if (el.parentElement?.closest(TARGETS)) continue;
    const h = css.height(el);
    const w = css.width(el);
    if (h < TARGET_PX - 0.5 || (w !== undefined && w < TARGET_PX - 0.5))
      targets.add(`${label(el)} ${w === undefined ? 'row' : round(w)}×${round(h)}`);
  }
  for (const button of doc.body.querySelectorAll('.nut-button-disabled')) {
    if (css.style(button).hidden) continue;
    const text = (button.textContent ?? '').trim();
    if (text.startsWith('已')) continue;
    const near = [button.parentElement, button.parentElement?.parentElement].some(
      (el) => !!el?.querySelector('.why-disabled'),
    );
    if (!near) silent.add(`「${text.slice(0, 10)}」`);
  }
  return { small: [...small], targets: [...targets], words: [...words], silent: [...silent] };
}

const round = (n: number) => Math.round(n * 10) / 10;
