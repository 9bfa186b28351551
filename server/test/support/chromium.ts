import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package, which .ci/run installs. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export type BrowserTestPlan =
  | { mode: 'run'; executablePath: string }
  | { mode: 'skip'; reason: string }
  | { mode: 'fail'; reason: string };

/**
 * Whether the browser tests run. Without Chromium a developer's run skips them with a note; under CI it
 * fails them, since a skipped suite would let CI pass without the page ever being tried.
 * `CHROMIUM_PATH` points at another Chromium.
 */
export function browserTestPlan(env: { CI?: string; CHROMIUM_PATH?: string }, exists: (path: string) => boolean = existsSync): BrowserTestPlan {
  const executablePath = env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
  if (exists(executablePath)) return { mode: 'run', executablePath };
  const ci = env.CI === 'true' || env.CI === '1';
  return ci
    ? { mode: 'fail', reason: `Chromium is required under CI=${env.CI} but ${executablePath} is absent (.ci/run installs Debian's chromium package)` }
    : { mode: 'skip', reason: `browser tests skipped: ${executablePath} is absent (install Debian's chromium package, or set CHROMIUM_PATH)` };
}

// eslint-disable-next-line n/no-process-env -- CI and CHROMIUM_PATH decide whether a missing Chromium skips or fails
const plan = browserTestPlan(process.env);

/** `describe` for a suite that drives Chromium; `describe.skip`, with the reason printed, where the plan says skip. */
export function describeInBrowser(title: string, suite: () => void): void {
  if (plan.mode === 'skip') {
    console.warn(`${title}: ${plan.reason}`);
    describe.skip(title, suite);
  } else describe(title, suite);
}

/** Screenshots land in shots/ (git-ignored) for a human to look at. */
const SHOTS = path.resolve(__dirname, '../../../shots');
export const shotPath = (name: string): string => path.join(SHOTS, `${name}.png`);

/** Headless Chromium with the flags the project runs it with (fails with the plan's reason under CI without one); makes shots/. */
export async function launchChromium(): Promise<Browser> {
  if (plan.mode !== 'run') throw new Error(plan.reason);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: plan.executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
