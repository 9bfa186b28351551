#!/usr/bin/env node
// Builds the H5 version of the mini-program into dist/h5, which `npm start` serves at /m/. Runs after
// every `npm install` (root postinstall), so it skips the build when nothing it depends on changed: the
// inputs' fingerprint is kept in dist/h5/.build-stamp. `--force` builds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.resolve(here, '..');
const out = path.join(app, 'dist/h5');
const stampFile = path.join(out, '.build-stamp');
const inputs = ['src', 'config', 'babel.config.js', 'package.json', '../shared/src', '../package-lock.json'].map((p) => path.join(app, p));

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) yield* files(path.join(p, name));
  else yield p;
}

const hash = createHash('sha256');
// TARO_APP_* settings are compiled into the bundle, so they are part of what was built.
for (const [k, v] of Object.entries(process.env).filter(([k]) => k.startsWith('TARO_APP_')).sort()) hash.update(`${k}=${v}\n`);
for (const input of inputs) for (const f of files(input)) if (!f.endsWith('.test.ts')) hash.update(path.relative(app, f)).update(readFileSync(f));
const stamp = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('mini-program H5 build is up to date (miniprogram/dist/h5)');
  process.exit(0);
}
console.log('building the mini-program for the browser (miniprogram/dist/h5, served at /m/); this takes about half a minute…');
const started = Date.now();
const taro = path.join(app, 'node_modules/.bin/taro');
const bin = existsSync(taro) ? taro : path.resolve(app, '../node_modules/.bin/taro');
const r = spawnSync(bin, ['build', '--type', 'h5'], { cwd: app, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`mini-program H5 build failed (exit ${r.status ?? r.signal}); fix it and run \`npm run build:h5 -w miniprogram\``);
  process.exit(r.status ?? 1);
}
writeFileSync(stampFile, stamp);
console.log(`mini-program H5 build done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
