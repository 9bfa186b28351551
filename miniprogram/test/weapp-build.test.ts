import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The WeChat build, checked without WeChat DevTools: it builds (once, ~10–30 s), every page has its
 * files, WeChat's own WXML/WXSS compilers (wcc/wcsc from miniprogram-compiler) accept the output, and
 * the main package stays under the 1.5 MB that DevTools' code-quality check asks for (the hard limit is 2 MB).
 */
const app = path.resolve(__dirname, '..');
const out = path.join(app, 'dist/weapp');
const MAIN_PACKAGE_LIMIT = 1.5 * 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

type AppJson = { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
let appJson: AppJson;

beforeAll(() => {
  const taro = [path.join(app, 'node_modules/.bin/taro'), path.resolve(app, '../node_modules/.bin/taro')].find((p) => existsSync(p))!;
  execFileSync(taro, ['build', '--type', 'weapp'], { cwd: app, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  appJson = JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8')) as AppJson;
}, 300_000);

describe('weapp build', () => {
  it('when built, then the app and every page of the main package and subpackages have their files', () => {
    const pages = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
    expect(pages.length).toBeGreaterThanOrEqual(10);
    const expected = ['app.js', 'app.json', 'app.wxss', 'base.wxml', 'comp.json', ...pages.flatMap((p) => ['js', 'json', 'wxml'].map((ext) => `${p}.${ext}`))];
    expect(expected.filter((f) => !existsSync(path.join(out, f)))).toEqual([]);
    for (const page of pages) {
      const json = JSON.parse(readFileSync(path.join(out, `${page}.json`), 'utf8')) as { usingComponents?: Record<string, string> };
      for (const target of Object.values(json.usingComponents ?? {})) expect(existsSync(path.join(out, path.dirname(page), `${target}.json`))).toBe(true);
    }
  });

  it('when compiled with WeChat’s wcc and wcsc, then every WXML and WXSS file is accepted', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS package without types
    const compiler = require('miniprogram-compiler') as { wxmlToJs(root: string): string; wxssToJs(root: string): string };
    expect(compiler.wxmlToJs(out)).toContain('$gwx');
    expect(compiler.wxssToJs(out)).toContain('wxssMap');
  });

  it('when measured, then the main package is under 1.5 MB (sizes are printed)', () => {
    const subRoots = (appJson.subPackages ?? []).map((p) => path.join(out, p.root) + path.sep);
    const all = filesUnder(out).filter((f) => !f.endsWith('.LICENSE.txt') && !f.endsWith('project.config.json'));
    const size = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);
    const main = size(all.filter((f) => !subRoots.some((r) => f.startsWith(r))));
    const total = size(all);
    console.log(`weapp main package ${(main / 1024).toFixed(0)} KB, total ${(total / 1024).toFixed(0)} KB`);
    expect(main).toBeLessThan(MAIN_PACKAGE_LIMIT);
  });
});
