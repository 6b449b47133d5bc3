import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { registeredPages } from '../support/pages';

/**
 * 关怀模式 on every page, weapp included. h5 restyles everything from one class on <html>, but a
 * mini-program page has no shared root, so each page's root must be the `Page` wrapper
 * (src/components/Page.tsx), which adds `care`. This suite reads every page registered in
 * app.config.ts and fails if any returns a root other than <Page>, and checks the weapp build
 * ships the care styles in app.wxss (the one stylesheet WeChat applies to every page, subpackages too).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, process.env.WEAPP_DIST_DIR ?? 'dist');

/** The tag names of the JSX each return statement of the page's default export yields. */
function rootTags(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
  const fn = sf.statements.find(
    (s): s is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(s) && !!s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword),
  );
  if (!fn?.body) return ['<no default-exported function>'];
  const tags: string[] = [];
  const unwrap = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e);
  const visit = (node: ts.Node) => {
    // Returns inside nested functions (handlers, render props) are not the page's root.
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      const e = unwrap(node.expression);
      if (ts.isJsxElement(e)) tags.push(e.openingElement.tagName.getText(sf));
      else if (ts.isJsxSelfClosingElement(e)) tags.push(e.tagName.getText(sf));
      else if (ts.isJsxFragment(e)) tags.push('<>');
      else tags.push(`<${e.getText(sf).slice(0, 20)}>`);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return tags;
}

describe('care mode reaches every page (weapp subpackages included)', () => {
  const pages = registeredPages();

  it('app.config.ts registers the tab pages and the subpackage pages', () => {
    expect(pages).toContain('pages/index/index');
    expect(pages).toContain('packages/care/proxy/index');
    expect(pages.filter((p) => p.startsWith('packages/')).length).toBeGreaterThan(30);
  });

  it.each(pages.map((p) => [p]))('%s renders inside <Page>', (page) => {
    const file = path.join(SRC, `${page}.tsx`);
    expect(existsSync(file), file).toBe(true);
    const tags = rootTags(file);
    expect(tags.length, 'the page returns JSX').toBeGreaterThan(0);
    expect(
      tags.every((t) => t === 'Page'),
      `roots: ${tags.join(', ')}`,
    ).toBe(true);
    // A hand-made root class would bypass the wrapper.
    expect(readFileSync(file, 'utf8')).not.toMatch(/className=(?:"page\b|\{`page\b)/);
  });

  it('the wrapper adds the care class from useCare', () => {
    const source = readFileSync(path.join(SRC, 'components', 'Page.tsx'), 'utf8');
    expect(source).toMatch(/useCare\(\)/);
    expect(source).toMatch(/care \? 'care'/);
  });

  it('the weapp build puts the care styles in app.wxss, which WeChat applies to every page', () => {
    const wxss = path.join(DIST, 'app.wxss');
    expect(existsSync(wxss), `no weapp build in ${DIST}: run npm run build:weapp`).toBe(true);
    // Taro splits app.wxss into @imports (app-origin.wxss, common.wxss): follow them.
    const inline = (file: string): string =>
      readFileSync(file, 'utf8').replace(/@import\s+"([^"]+)";/g, (_m, rel: string) =>
        inline(path.join(path.dirname(file), rel)),
      );
    const css = inline(wxss);
    expect(css).toMatch(/\.page\.care\s*\{/);
    expect(css).toMatch(/\.care\s*\{[^}]*--nutui-font-size-base/);
    expect(css).toMatch(/\.care \.card-title/);
  });
});
