import { browserTestPlan, DEBIAN_CHROMIUM } from './chromium';

const present = (...paths: string[]) => (p: string) => paths.includes(p);

describe('browserTestPlan', () => {
  it('when Debian chromium is installed, then the browser tests run with it', () => {
    expect(browserTestPlan({}, present(DEBIAN_CHROMIUM))).toEqual({ mode: 'run', executablePath: DEBIAN_CHROMIUM });
    expect(browserTestPlan({ CI: 'true' }, present(DEBIAN_CHROMIUM))).toEqual({ mode: 'run', executablePath: DEBIAN_CHROMIUM });
  });

  it('when CHROMIUM_PATH names another Chromium, then that one is used', () => {
    expect(browserTestPlan({ CHROMIUM_PATH: '/opt/chrome/chrome' }, present('/opt/chrome/chrome'))).toEqual({ mode: 'run', executablePath: '/opt/chrome/chrome' });
  });

  it('when Chromium is missing on a developer machine, then the browser tests are skipped with a note', () => {
    expect(browserTestPlan({}, present())).toMatchObject({ mode: 'skip', reason: expect.stringContaining(DEBIAN_CHROMIUM) });
    expect(browserTestPlan({ CI: 'false' }, present())).toMatchObject({ mode: 'skip' });
  });

  it('when Chromium is missing under CI, then the browser tests fail rather than skip', () => {
    expect(browserTestPlan({ CI: 'true' }, present())).toMatchObject({ mode: 'fail', reason: expect.stringContaining(DEBIAN_CHROMIUM) });
    expect(browserTestPlan({ CI: '1', CHROMIUM_PATH: '/nowhere/chromium' }, present(DEBIAN_CHROMIUM))).toMatchObject({
      mode: 'fail',
      reason: expect.stringContaining('/nowhere/chromium'),
    });
  });
});
