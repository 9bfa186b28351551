#!/usr/bin/env node
// Builds the editor console into dist/, which `npm start` serves at /admin. Runs after every
// `npm install` (root postinstall), so it skips the build when nothing it depends on changed: the
// inputs' fingerprint is kept in dist/.build-stamp. `--force` builds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.resolve(here, '..');
const out = path.join(app, 'dist');
const stampFile = path.join(out, '.build-stamp');
const inputs = ['src', 'scripts', 'index.html', 'vite.config.ts', 'package.json', '../shared/src', '../package-lock.json'].map((p) => path.join(app, p));

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) yield* files(path.join(p, name));
  else yield p;
}

const hash = createHash('sha256');
for (const input of inputs)
  for (const f of files(input)) if (!f.endsWith('.test.ts') && !f.includes(`${path.sep}generated${path.sep}`)) hash.update(path.relative(app, f)).update(readFileSync(f));
const stamp = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('editor console build is up to date (console/dist)');
  process.exit(0);
}
console.log('building the editor console (console/dist, served at /admin); this takes a few seconds…');
const started = Date.now();
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: app, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`editor console build failed (${path.basename(args[0] ?? cmd)}: exit ${r.status ?? r.signal}); fix it and run \`npm run build -w console\``);
    process.exit(r.status ?? 1);
  }
};
run(process.execPath, [path.join(here, 'extract-antd-css.mjs')]);
const local = path.join(app, 'node_modules/vite/bin/vite.js');
run(process.execPath, [existsSync(local) ? local : path.resolve(app, '../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
writeFileSync(stampFile, stamp);
console.log(`editor console build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
