// Removes optional dependencies that have no entry in package-lock.json. This registry does not
// serve some platform-specific optional packages (e.g. @tarojs/binding-darwin-arm64): `npm install`
// skips them, but `npm ci` then refuses the lock as "Missing … from lock file". They are optional
// and for other platforms, so the lock is made to say so. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const present = (name, from) => {
  // npm resolves a dependency from the nearest node_modules upwards.
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    const cut = dir.lastIndexOf('/node_modules/');
    if (dir === '') return false;
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
};
let removed = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!present(name, location)) {
      delete entry.optionalDependencies[name];
      removed += 1;
    }
  }
  if (entry.optionalDependencies && Object.keys(entry.optionalDependencies).length === 0)
    delete entry.optionalDependencies;
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`prune-lock: removed ${removed} optional dependencies this registry does not serve`);
