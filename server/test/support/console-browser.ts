import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD } from './admin';
import { shotPath } from './chromium';

/** The console's production build, served by the server at /admin. */
export const CONSOLE_DIST = path.resolve(__dirname, '../../../console/dist');

export function requireConsoleBuild(): void {
  if (!existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error(`no console build in ${CONSOLE_DIST}: run npm run build -w console`);
}

/** What went wrong in the pages, collected for the tests' closing assertions. */
export interface ConsoleProblems {
  problems: string[];
  cspViolations: string[];
}

/**
 * A fresh desktop-sized page with no session. Page errors and refused /admin/api calls land in
 * `problems` (refused logins are part of the stories, so the session route is left out); CSP violations
 * in `cspViolations`.
 */
export async function openConsolePage(browser: Browser, sink: ConsoleProblems): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.exposeFunction('reportCspViolation', (v: string) => sink.cspViolations.push(v));
  // A string: the test's tsconfig has no DOM types.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => reportCspViolation([e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber, e.sample].join(' ')))`);
  page.on('pageerror', (err) => sink.problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.url().includes('/admin/api/') && !res.url().endsWith('/admin/api/session') && res.status() >= 400) sink.problems.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return { context, page };
}

/** A screenshot once antd's fades (loading tables, closing dialogs) are over, so it shows what a person sees. */
export async function consoleShot(page: Page, name: string): Promise<void> {
  await page.locator('.ant-spin-blur, .ant-modal-mask').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: shotPath(`console-${name}`), fullPage: true });
}

/** Fills the login form; the caller waits for what should follow (the console, or a refusal). */
export async function submitLogin(page: Page, baseUrl: string, name: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByPlaceholder('用户名').fill(name);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
