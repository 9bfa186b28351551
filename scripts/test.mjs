#!/usr/bin/env node
// Every test, in the order that fails fastest: types, lint, then the jest suite on embedded PGlite, then
// the integration tests again on a PostgreSQL server (TEST_DATABASE_URL, else the local server if one
// answers). Under CI the PostgreSQL pass is mandatory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const env = process.env;
const ci = env.CI === 'true' || env.CI === '1';
const pgUrl = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const jestEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() };
const extraArgs = process.argv.slice(2);
const resultsDir = mkdtempSync(path.join(tmpdir(), 'zj-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let jestRuns = 0;
process.on('exit', () => rmSync(resultsDir, { recursive: true, force: true }));

/** jest with a JSON report, whose counts add up to the summary line printed at the end. */
function jest(title, args, jestEnvVars) {
  const report = path.join(resultsDir, `jest-${++jestRuns}.json`);
  run(title, 'npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...args], jestEnvVars);
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

function run(title, cmd, args, extraEnv = env) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: extraEnv });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    return err.message;
  } finally {
    await client.end().catch(() => {});
  }
}

if (extraArgs.length === 0) {
  run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'shared']);
  run('typecheck server', 'npx', ['tsc', '--noEmit', '-p', 'server']);
  run('typecheck bench', 'npx', ['tsc', '--noEmit', '-p', 'bench']);
  run('typecheck miniprogram', 'npx', ['tsc', '--noEmit', '-p', 'miniprogram']);
  run('typecheck console', 'npx', ['tsc', '--noEmit', '-p', 'console']);
  run('lint', 'npx', ['eslint', '.']);
}
const ok = await reachable(pgUrl);
// The browser tests drive pages, which do not depend on the engine: they run once, on PostgreSQL (the
// production engine) when it answers, else on PGlite. Every API test runs on both.
const browserOnce = ok === true ? ['--testPathIgnorePatterns', '/node_modules/', '\\.browser\\.test\\.ts$'] : [];
jest('tests on embedded PGlite', [...browserOnce, ...extraArgs], { ...jestEnv, TEST_DATABASE_URL: '' });

if (ok === true) {
  jest(`integration tests on PostgreSQL (${new URL(pgUrl).host})`, ['--selectProjects', 'integration', ...extraArgs], { ...jestEnv, TEST_DATABASE_URL: pgUrl });
} else if (ci) {
  console.error(`✖ PostgreSQL at ${pgUrl} is required under CI: ${ok}`);
  process.exit(1);
} else {
  console.log(`\n⚠ skipped the PostgreSQL pass: ${pgUrl} did not answer (${ok}); set TEST_DATABASE_URL to run it`);
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
