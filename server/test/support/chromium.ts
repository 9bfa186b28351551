import { existsSync } from 'node:fs';

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
    : { mode: 'skip', reason: `sandbox chat browser tests skipped: ${executablePath} is absent (install Debian's chromium package, or set CHROMIUM_PATH)` };
}
