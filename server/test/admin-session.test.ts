import type { ErrorBody } from '@zj/shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { anEditor, callAdmin, logIn, PASSWORD, sessionCookieOf } from './support/admin';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
beforeAll(async () => {
  // Behind a reverse proxy (TRUST_PROXY), so each test can speak for another client address.
  t = await startTestSystem({ trustProxy: true });
  await anEditor(t, 'admin-a', 'admin');
});
afterAll(() => t.close());

const MINUTE = 60_000;
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const attempt = (name: string, password: string, ip: string) => callAdmin(t, 'POST', '/session', { name, password }, from(ip));
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;
const editorNames = async () => (await queryRows<{ name: string }>(t.connection.db, sql`select name from editors order by id`)).map((r) => r.name);

describe('logging in', () => {
  it('when an editor logs in, then the session cookie is HttpOnly, SameSite=Strict, for /admin, and Secure behind HTTPS', async () => {
    await anEditor(t, 'cookie-check', 'editor');
    const plain = await attempt('cookie-check', PASSWORD, '10.0.1.1');
    expect(plain.status).toBe(200);
    const cookie = plain.headers.getSetCookie().find((c) => c.startsWith('zj_session='))!;
    expect(cookie.toLowerCase()).toEqual(expect.stringContaining('httponly'));
    expect(cookie.toLowerCase()).toEqual(expect.stringContaining('samesite=strict'));
    expect(cookie.toLowerCase()).toEqual(expect.stringContaining('path=/admin'));
    expect(cookie.toLowerCase()).not.toContain('secure');
    const https = await callAdmin(t, 'POST', '/session', { name: 'cookie-check', password: PASSWORD }, { ...from('10.0.1.1'), 'x-forwarded-proto': 'https' });
    expect(https.headers.getSetCookie().find((c) => c.startsWith('zj_session='))!.toLowerCase()).toContain('; secure');
  });

  it('when the session is read back, then it names the editor and the same CSRF token as the login', async () => {
    await anEditor(t, 'wang.editor', 'editor');
    const c = await logIn(t, 'WANG.editor');
    const res = await c.call('GET', '/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ editor: { name: 'wang.editor', role: 'editor' }, csrfToken: c.csrfToken });
  });

  it('when the password is wrong or the name unknown, then both get the same 401', async () => {
    await anEditor(t, 'li.editor', 'editor');
    const wrong = await attempt('li.editor', 'not the password', '10.0.2.1');
    const unknown = await attempt('nobody', 'whatever password', '10.0.2.1');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it('when an account fails 5 times, then even the right password is refused with 429 and Retry-After until the lock ends', async () => {
    await anEditor(t, 'zhao.editor', 'editor');
    for (let i = 0; i < 5; i++) expect((await attempt('zhao.editor', `wrong ${i}`, `10.0.3.${i + 1}`)).status).toBe(401);
    const locked = await attempt('zhao.editor', PASSWORD, '10.0.3.9');
    expect(locked.status).toBe(429);
    expect((await errorOf(locked)).code).toBe('login_locked');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect(sessionCookieOf(locked)).toBeNull();
    t.clock.advance(14 * MINUTE);
    expect((await attempt('zhao.editor', PASSWORD, '10.0.3.9')).status).toBe(429);
    t.clock.advance(1 * MINUTE + 1000);
    expect((await attempt('zhao.editor', PASSWORD, '10.0.3.9')).status).toBe(200);
  });

  it('when one IP fails 20 times over many names, then that IP is locked out and another IP is not', async () => {
    await anEditor(t, 'qian.editor', 'editor');
    for (let i = 0; i < 20; i++) await attempt(`guess-${i}`, 'guess', '10.0.4.1');
    expect((await attempt('qian.editor', PASSWORD, '10.0.4.1')).status).toBe(429);
    expect((await attempt('qian.editor', PASSWORD, '10.0.4.2')).status).toBe(200);
  });

  it('when a disabled editor logs in with the right password, then it is refused', async () => {
    const sun = await anEditor(t, 'sun.editor', 'editor');
    const admin = await logIn(t, 'admin-a', PASSWORD, from('10.0.5.1'));
    const session = await logIn(t, 'sun.editor', PASSWORD, from('10.0.5.2'));
    expect((await admin.call('PATCH', `/editors/${sun.id}`, { disabled: true })).status).toBe(200);
    expect((await session.call('GET', '/session')).status).toBe(401);
    expect((await attempt('sun.editor', PASSWORD, '10.0.5.2')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('when a session is unused for 30 minutes, then it has ended', async () => {
    await anEditor(t, 'idle.editor', 'editor');
    const c = await logIn(t, 'idle.editor', PASSWORD, from('10.0.6.1'));
    t.clock.advance(29 * MINUTE);
    expect((await c.call('GET', '/session')).status).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await c.call('GET', '/session')).status).toBe(200);
    t.clock.advance(30 * MINUTE);
    const ended = await c.call('GET', '/session');
    expect(ended.status).toBe(401);
    expect(ended.headers.getSetCookie().join()).toContain('zj_session=;');
  });

  it('when a session is kept busy for 12 hours, then it ends all the same', async () => {
    await anEditor(t, 'busy.editor', 'editor');
    const c = await logIn(t, 'busy.editor', PASSWORD, from('10.0.7.1'));
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await c.call('GET', '/session')).status).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect((await c.call('GET', '/session')).status).toBe(401);
  });

  it('when an editor logs out, then the cookie no longer opens a session', async () => {
    await anEditor(t, 'out.editor', 'editor');
    const c = await logIn(t, 'out.editor', PASSWORD, from('10.0.8.1'));
    expect((await c.call('DELETE', '/session')).status).toBe(204);
    expect((await c.call('GET', '/session')).status).toBe(401);
  });

  it('when an editor changes their password, then all their sessions end and only the new password works', async () => {
    await anEditor(t, 'pw.editor', 'editor');
    const first = await logIn(t, 'pw.editor', PASSWORD, from('10.0.9.1'));
    const second = await logIn(t, 'pw.editor', PASSWORD, from('10.0.9.2'));
    const newPassword = 'a brand new passphrase';
    expect((await first.call('PUT', '/session/password', { currentPassword: 'wrong', newPassword })).status).toBe(400);
    expect((await first.call('PUT', '/session/password', { currentPassword: PASSWORD, newPassword })).status).toBe(204);
    expect((await first.call('GET', '/session')).status).toBe(401);
    expect((await second.call('GET', '/session')).status).toBe(401);
    expect((await attempt('pw.editor', PASSWORD, '10.0.9.3')).status).toBe(401);
    expect((await attempt('pw.editor', newPassword, '10.0.9.3')).status).toBe(200);
  });

  it('when an admin resets a password, then the editor’s sessions end', async () => {
    const zhou = await anEditor(t, 'zhou.editor', 'editor');
    const admin = await logIn(t, 'admin-a', PASSWORD, from('10.0.10.1'));
    const session = await logIn(t, 'zhou.editor', PASSWORD, from('10.0.10.2'));
    expect((await admin.call('PATCH', `/editors/${zhou.id}`, { password: 'reset by the admin 1' })).status).toBe(200);
    expect((await session.call('GET', '/session')).status).toBe(401);
  });
});

describe('CSRF and headers', () => {
  it('when a mutation comes without the CSRF token, then it is refused and changes nothing', async () => {
    const admin = await logIn(t, 'admin-a', PASSWORD, from('10.0.11.1'));
    const before = await editorNames();
    const res = await admin.call('POST', '/editors', { name: 'no-token', role: 'admin', password: PASSWORD }, { csrf: false });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('csrf_rejected');
    const wrong = await admin.call('POST', '/editors', { name: 'no-token', role: 'admin', password: PASSWORD }, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    expect(await editorNames()).toEqual(before);
  });

  it('when a mutation comes from another origin, then it is refused even with the token', async () => {
    const admin = await logIn(t, 'admin-a', PASSWORD, from('10.0.12.1'));
    const before = await editorNames();
    const res = await admin.call('POST', '/editors', { name: 'cross-site', role: 'admin', password: PASSWORD }, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    const login = await callAdmin(t, 'POST', '/session', { name: 'admin-a', password: PASSWORD }, { 'sec-fetch-site': 'cross-site' });
    expect(login.status).toBe(403);
    expect(await editorNames()).toEqual(before);
  });

  it('when /admin answers, then it sends a CSP without unsafe-inline, frame-ancestors none, nosniff and no caching', async () => {
    const res = await callAdmin(t, 'GET', '/session', undefined, {});
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const admin = await logIn(t, 'admin-a', PASSWORD, from('10.0.13.1'));
    expect((await admin.call('GET', '/session')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('without a trusted proxy (TRUST_PROXY off, the default)', () => {
  let direct: TestSystem;
  beforeAll(async () => {
    direct = await startTestSystem();
    await anEditor(direct, 'direct-check', 'editor');
  });
  afterAll(() => direct.close());

  it('when a client writes X-Forwarded-For and X-Forwarded-Proto itself, then neither is believed: the attempt is the socket peer\'s and the cookie is not Secure', async () => {
    const res = await callAdmin(direct, 'POST', '/session', { name: 'direct-check', password: 'wrong-password-123' }, { 'x-forwarded-for': '203.0.113.77', 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(401);
    const ips = await queryRows<{ ip: string | null }>(direct.connection.db, sql`select ip from login_attempts where name = 'direct-check'`);
    expect(ips.map((r) => r.ip)).toEqual([expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/)]);
    const ok = await callAdmin(direct, 'POST', '/session', { name: 'direct-check', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(ok.headers.getSetCookie().find((c) => c.startsWith('zj_session='))!.toLowerCase()).not.toContain('secure');
  });
});
