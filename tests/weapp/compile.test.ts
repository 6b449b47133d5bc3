import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWxml, compileWxss, DIST } from './compiler';

const countFiles = (dir: string, ext: string): number =>
  readdirSync(dir).reduce((n, name) => {
    const full = path.join(dir, name);
    return n + (statSync(full).isDirectory() ? countFiles(full, ext) : name.endsWith(ext) ? 1 : 0);
  }, 0);

describe("WeChat's own compilers (wcc, wcsc from miniprogram-compiler) accept every file of dist/", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'gongzhi-wcc-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the weapp build exists', () => {
    expect(existsSync(path.join(DIST, 'app.json')), 'run npm run build:weapp first').toBe(true);
  });

  it('every .wxml compiles with wcc', () => {
    const wxml = countFiles(DIST, '.wxml');
    expect(wxml).toBeGreaterThan(0);
    const code = compileWxml(DIST);
    console.log(`wcc: ${wxml} wxml files → ${(code.length / 1024).toFixed(0)} KB of render code`);
    expect(code).toContain('$gwx');
  });

  it('every .wxss compiles with wcsc', () => {
    const wxss = countFiles(DIST, '.wxss');
    expect(wxss).toBeGreaterThan(0);
    const code = compileWxss(DIST);
    console.log(`wcsc: ${wxss} wxss files → ${(code.length / 1024).toFixed(0)} KB`);
  });

  it('a broken file fails the compile (the check can go red)', () => {
    const copy = path.join(scratch, 'dist');
    cpSync(DIST, copy, { recursive: true });
    writeFileSync(path.join(copy, 'pages/index/index.wxml'), '<view><text>{{unclosed</view>');
    expect(() => compileWxml(copy)).toThrow(/wxml/i);
    writeFileSync(path.join(copy, 'pages/index/index.wxss'), '.a { color: red; ');
    expect(() => compileWxss(copy)).toThrow(/wxss/i);
  });
});
