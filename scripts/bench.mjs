#!/usr/bin/env node
// Every benchmark under bench/<name>/run.ts, one after another; they print figures and write them to
// bench/results/. `npm run bench -- <name> …` runs only the named ones. Arguments after `--` go to each bench.
// --expose-gc lets a bench collect its own garbage before each measured run (see bench/content-api/measure.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const names = split === -1 ? argv : argv.slice(0, split);
const passThrough = split === -1 ? [] : argv.slice(split + 1);

const available = readdirSync(path.join(root, 'bench'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'bench', d.name, 'run.ts')))
  .map((d) => d.name)
  .sort();
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of names.length > 0 ? names : available) {
  console.log(`\n▶ bench/${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('bench', name, 'run.ts'), ...passThrough], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ bench/${name} failed (exit ${r.status ?? r.signal})`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
