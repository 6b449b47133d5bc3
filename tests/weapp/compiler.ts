/**
 * WeChat's real template and style compilers (wcc / wcsc, shipped as Linux binaries in
 * miniprogram-compiler 0.2.3), run over a weapp build. The package's wxssToJs hands back wcsc's
 * failure as a returned Error (then crashes on it) and both cap output at 1 MB; these wrappers
 * throw wcc's / wcsc's own message on any failure.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { wxmlToJs, wxssToJs } from 'miniprogram-compiler';
import wcsc from 'miniprogram-compiler/src/wcsc';

export const DIST = path.resolve(__dirname, '..', '..', process.env.WEAPP_DIST_DIR ?? 'dist');
const MAX_BUFFER = 64 * 1024 * 1024;

/** The render code of every .wxml under root (what the simulated runtime executes). */
export function compileWxml(root: string): string {
  return wxmlToJs(root, { maxBuffer: MAX_BUFFER });
}

/** The style code of every .wxss under root. */
export function compileWxss(root: string): string {
  const result = wcsc(root, listFiles(root, '.wxss'), { maxBuffer: MAX_BUFFER });
  if (result instanceof Error) throw result;
  return wxssToJs(root, { maxBuffer: MAX_BUFFER });
}

/** Paths under root without their extension, as wcc/wcsc take them. */
function listFiles(root: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(ext)) out.push(path.relative(root, full).slice(0, -ext.length));
    }
  };
  walk(root);
  return out;
}
