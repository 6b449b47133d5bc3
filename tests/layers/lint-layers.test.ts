/**
 * The layer rule is an allow-list: a file in `cloudfunctions/_core/domain/` may import only the
 * domain itself (biome.json: noRestrictedImports patterns per folder depth, noNodejsModules,
 * noCommonJs). Each probe writes a temporary domain file with ONE forbidden import and proves
 * `biome lint` refuses it; the real domain, and a probe importing only the domain, pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const DOMAIN = 'cloudfunctions/_core/domain';
const BIOME = path.join(ROOT, 'node_modules/.bin/biome');
// One probe folder per run, so parallel runs (other worktrees share nothing, but two suites might) never meet.
const PROBE_DIR = `${DOMAIN}/zz-lint-probe-${process.pid}`;

const written: string[] = [];
afterAll(() => {
  for (const file of written) rmSync(path.join(ROOT, file), { force: true });
  rmSync(path.join(ROOT, PROBE_DIR), { recursive: true, force: true });
});

function lint(file: string, source: string): { status: number | null; output: string } {
  writeFileSync(path.join(ROOT, file), source);
  written.push(file);
  try {
    const run = spawnSync(BIOME, ['lint', '--max-diagnostics=5', file], { cwd: ROOT, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    // Gone at once: a probe must never be seen by another lint of the tree.
    rmSync(path.join(ROOT, file), { force: true });
  }
}

const FORBIDDEN = [
  "import { readFile } from 'node:fs/promises';",
  "import { spawn } from 'node:child_process';",
  "import { spawn } from 'child_process';",
  "import { readFileSync } from 'fs';",
  "import { createHash } from 'crypto';",
  "import { createEmbeddedStore } from '../store/embedded';",
  "import type { TxStore } from '../store/docstore';",
  "import { AppError } from '../runtime/errors';",
  "import { post } from '../ledger';",
  "import tcb from '@cloudbase/node-sdk';",
  "import Taro from '@tarojs/taro';",
  "import { z } from 'zod';",
  "export * from 'node:os';",
  "const fs = require('node:fs');\nexport const x = fs;",
];

describe('the domain may import only the domain (biome allow-list)', () => {
  it.each(FORBIDDEN)('a top-level domain file importing %s fails lint', (line) => {
    const file = `${DOMAIN}/zz-lint-probe-${process.pid}.ts`;
    const { status, output } = lint(file, `${line}\nexport const probe = 1;\n`);
    expect(status, output).not.toBe(0);
    expect(output).toMatch(/noRestrictedImports|noNodejsModules|noCommonJs/);
  });

  it.each([
    "import { readFile } from 'node:fs/promises';",
    "import { spawn } from 'node:child_process';",
    "import { createEmbeddedStore } from '../../store/embedded';",
    "import { AppError } from '../../runtime/errors';",
  ])('a domain sub-folder file importing %s fails lint', (line) => {
    mkdirSync(path.join(ROOT, PROBE_DIR), { recursive: true });
    const { status, output } = lint(`${PROBE_DIR}/probe.ts`, `${line}\nexport const probe = 1;\n`);
    expect(status, output).not.toBe(0);
  });

  it('domain-only imports pass, at the top and in a sub-folder', () => {
    const top = lint(
      `${DOMAIN}/zz-lint-probe-ok-${process.pid}.ts`,
      "import { refuse } from './decision';\nimport { userAccount } from './ledger/accounts';\nexport const probe = [refuse, userAccount];\n",
    );
    expect(top.status, top.output).toBe(0);
    mkdirSync(path.join(ROOT, PROBE_DIR), { recursive: true });
    const sub = lint(
      `${PROBE_DIR}/ok.ts`,
      "import { refuse } from '../decision';\nimport { userAccount } from '../ledger/accounts';\nimport { x } from './sibling';\nexport const probe = [refuse, userAccount, x];\n",
    );
    expect(sub.status, sub.output).toBe(0);
  });

  it('the real domain passes', () => {
    const run = spawnSync(BIOME, ['lint', DOMAIN], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  });
});
