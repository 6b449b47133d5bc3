/**
 * npm run build:functions — bundles each cloud function (esbuild, CommonJS, Node 18) into
 * cloudfunctions/<name>/index.js with everything it needs inlined, so CloudBase's online
 * install (which skips install scripts) has nothing to install, and no embedded-database code
 * or native module can ship. The bundle sits at the function root because that is where WeChat
 * DevTools' 上传并部署 and CloudBase's default handler look: handler `index.main` (HANDLER below,
 * and every function's `handler` in cloudbaserc.json).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_DEFINITIONS } from '../cloudfunctions/registry';

const ROOT = path.resolve(__dirname, '..');
/** The file (relative to the function folder) and the handler CloudBase and DevTools call. */
export const BUNDLE_FILE = 'index.js';
export const HANDLER = 'index.main';
/** Local-only code that must never reach a deployed function. */
const FORBIDDEN = [/better-sqlite3/, /node_modules\/mingo\//, /\.node$/, /_core\/store\/embedded/, /^local\//];

export interface BundleReport {
  name: string;
  file: string;
  bytes: number;
  inputs: string[];
}

export async function buildFunctions(
  names: string[] = FUNCTION_DEFINITIONS.map((f) => f.name),
  /** Bundles into `<outRoot>/<name>/` instead of the function folders: a suite's own copy, so it
   * never reads a bundle another suite is rewriting at that moment. */
  options: { outRoot?: string } = {},
): Promise<BundleReport[]> {
  const reports: BundleReport[] = [];
  for (const name of names) {
    const source = path.join(ROOT, 'cloudfunctions', name);
    const folder = options.outRoot ? path.join(options.outRoot, name) : source;
    const outfile = path.join(folder, BUNDLE_FILE);
    // The old layout (dist/index.js) must not linger: an upload would ship two copies.
    rmSync(path.join(folder, 'dist'), { recursive: true, force: true });
    const result = await build({
      entryPoints: [path.join(source, 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      metafile: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const metafile = result.metafile as Metafile;
    const inputs = Object.keys(metafile.inputs);
    const forbidden = inputs.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)));
    if (forbidden.length > 0) throw new Error(`${name} bundles local-only code: ${forbidden.join(', ')}`);
    const output = metafile.outputs[path.relative(ROOT, outfile)] ?? Object.values(metafile.outputs)[0];
    // The deployable folder: CloudBase and WeChat DevTools run `main` with no dependencies to install.
    writeFileSync(
      path.join(folder, 'package.json'),
      `${JSON.stringify({ name: `gongzhi-${name}`, version: '1.0.0', private: true, main: BUNDLE_FILE }, null, 2)}\n`,
    );
    reports.push({ name, file: path.relative(ROOT, outfile), bytes: output?.bytes ?? 0, inputs });
  }
  return reports;
}

if (require.main === module) {
  buildFunctions()
    .then((reports) => {
      for (const r of reports)
        console.log(`${r.name.padEnd(14)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB  ${r.file}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
