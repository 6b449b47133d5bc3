/**
 * Which sources the h5 build's scripts are made of, by minified bytes (issue 19: measure before
 * cutting). Build with GONGZHI_H5_SOURCEMAP=1 (hidden source maps beside the scripts), then:
 *   node scripts/h5-sources.cjs <dir>/js app.*.js 559.*.js   (TOP=n lines each, default 30)
 * Each mapping's bytes run to the next mapping on its line, so the bytes add up to the file's size.
 */
const fs = require('node:fs');
const path = require('node:path');
const { SourceMapConsumer } = require('source-map');

const [dir, ...files] = process.argv.slice(2);
const top = Number(process.env.TOP ?? 30);
// One name per package (NutUI per component), ours by path.
const label = (source) =>
  (source ?? '?')
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)(\/dist\/es\/packages\/[^/]+|\/dist\/[^/]+)?.*$/, '$1$3');

for (const file of files) {
  const code = fs.readFileSync(path.join(dir, file), 'utf8');
  const consumer = new SourceMapConsumer(JSON.parse(fs.readFileSync(path.join(dir, `${file}.map`), 'utf8')));
  const lines = code.split('\n');
  const mappings = [];
  consumer.eachMapping((m) => mappings.push(m));
  const bytes = new Map();
  mappings.forEach((m, i) => {
    const next = mappings[i + 1];
    const end =
      next && next.generatedLine === m.generatedLine ? next.generatedColumn : (lines[m.generatedLine - 1] ?? '').length;
    const key = label(m.source);
    bytes.set(key, (bytes.get(key) ?? 0) + end - m.generatedColumn);
  });
  console.log(`== ${file}: ${code.length} bytes`);
  for (const [key, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${String(size).padStart(7)} ${key}`);
}
