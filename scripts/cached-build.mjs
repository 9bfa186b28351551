// The postinstall builds (mini-program H5, editor console) run after every `npm install`, so each skips
// its build when nothing it depends on changed: the inputs' fingerprint is kept in <out>/.build-stamp.
// `--force` builds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) yield* files(path.join(p, name));
  else yield p;
}

/** Where `bin` (e.g. `node_modules/.bin/taro`) is: in the workspace's own node_modules, else the root's. */
export const localBin = (app, bin) => (existsSync(path.join(app, bin)) ? path.join(app, bin) : path.resolve(app, '..', bin));

/**
 * Builds `app` into `out` by running `steps` in order, unless the fingerprint of `inputs` (tests and
 * generated files left out) and `salt` equals the one stamped by the last build.
 * @param {{ name: string, app: string, out: string, inputs: string[], salt?: string, building: string, fix: string, steps: [string, string[]][] }} build
 */
export function cachedBuild({ name, app, out, inputs, salt = '', building, fix, steps }) {
  const stampFile = path.join(app, out, '.build-stamp');
  const hash = createHash('sha256').update(salt);
  for (const input of inputs)
    for (const f of files(path.join(app, input)))
      if (!f.endsWith('.test.ts') && !f.includes(`${path.sep}generated${path.sep}`)) hash.update(path.relative(app, f)).update(readFileSync(f));
  const stamp = hash.digest('hex');

  if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`${name} build is up to date (${path.relative(path.resolve(app, '..'), path.join(app, out))})`);
    return;
  }
  console.log(building);
  const started = Date.now();
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { cwd: app, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`${name} build failed (${path.basename(args[0] ?? cmd)}: exit ${r.status ?? r.signal}); fix it and run \`${fix}\``);
      process.exit(r.status ?? 1);
    }
  }
  writeFileSync(stampFile, stamp);
  console.log(`${name} build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
