import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const IMAGE_MODULES = new Set(['@nutui/nutui-react-taro', '@tarojs/components']);
const SIZED_MODES = new Set(['aspectFill', 'aspectFit', 'scaleToFill', 'widthFix', 'heightFix']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsxFiles(full);
    return full.endsWith('.tsx') ? [full] : [];
  });
}

/**
 * Every <Image> (NutUI's or Taro's) must load lazily, say how it fills its box and have a fixed
 * box: a photo that loads eagerly at its natural size costs a phone bandwidth and a relayout.
 * Returns one line per violation.
 */
function imageViolations(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  // The local names Image is imported under from the component libraries.
  const imageNames = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!IMAGE_MODULES.has(statement.moduleSpecifier.text)) continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    for (const element of named.elements) {
      if ((element.propertyName ?? element.name).text === 'Image') imageNames.add(element.name.text);
    }
  }
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
      ts.isIdentifier(node.tagName) &&
      imageNames.has(node.tagName.text)
    ) {
      const attributes = new Map<string, ts.JsxAttribute>();
      for (const property of node.attributes.properties) {
        if (ts.isJsxAttribute(property)) attributes.set(property.name.getText(source), property);
      }
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const where = `${path.relative(SRC, fileName)}:${line}`;
      const lazy = attributes.get('lazyLoad');
      if (!lazy || lazy.initializer?.getText(source).includes('false')) {
        found.push(`${where} <Image> without lazyLoad`);
      }
      const mode = attributes.get('mode')?.initializer;
      const modeText = mode && ts.isStringLiteral(mode) ? mode.text : undefined;
      if (!mode) found.push(`${where} <Image> without mode`);
      else if (modeText !== undefined && !SIZED_MODES.has(modeText)) {
        found.push(`${where} <Image> mode="${modeText}" does not fit the image to a box`);
      }
      const sizedByProps =
        attributes.has('width') && (attributes.has('height') || modeText === 'widthFix' || modeText === 'heightFix');
      if (!sizedByProps && !attributes.has('className') && !attributes.has('style')) {
        found.push(`${where} <Image> without a fixed size (width and height, or a className or style that sets them)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('images are sized and lazy-loaded', () => {
  it('the scan catches an <Image> that loads eagerly, has no mode or no size', () => {
    const bad = `import { Image as Img } from '@tarojs/components';
      export const A = () => <Img src={url} />;`;
    expect(imageViolations(path.join(SRC, 'bad.tsx'), bad)).toEqual([
      'bad.tsx:2 <Image> without lazyLoad',
      'bad.tsx:2 <Image> without mode',
      'bad.tsx:2 <Image> without a fixed size (width and height, or a className or style that sets them)',
    ]);
    const good = `import { Image } from '@nutui/nutui-react-taro';
      export const A = () => <Image src={url} width="72px" height="72px" mode="aspectFill" lazyLoad />;`;
    expect(imageViolations(path.join(SRC, 'good.tsx'), good)).toEqual([]);
  });

  it('every <Image> in src/ has lazyLoad, a fitting mode and a fixed size', () => {
    const files = tsxFiles(SRC);
    const withImages = files.filter((f) => /<Image\b|as Image|Image as/.test(readFileSync(f, 'utf8')));
    expect(withImages.length).toBeGreaterThan(0);
    const violations = files.flatMap((f) => imageViolations(f, readFileSync(f, 'utf8')));
    expect(violations).toEqual([]);
  });
});
