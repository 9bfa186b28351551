import type { EditorRole, SessionView } from '@zj/shared';
import type { Actor } from '../../src/editors/service';
import type { TestSystem } from './test-system';

/** Operator commands (and tests) act as a system actor: no session, no IP. */
export const SYSTEM_ACTOR: Actor = { editorId: null, name: 'system:test', ip: null };

export const PASSWORD = 'correct horse battery staple';

/** A console account that can log in. */
export async function anEditor(t: TestSystem, name: string, role: EditorRole, password = PASSWORD) {
  return t.system.editors.createEditor({ name, role, password }, SYSTEM_ACTOR);
}

export interface AdminClient {
  cookie: string;
  csrfToken: string;
  session: SessionView;
  /** Sends with the session cookie and, unless `csrf: false`, the X-CSRF-Token header. */
  call(method: string, path: string, body?: unknown, options?: { csrf?: boolean; headers?: Record<string, string> }): Promise<Response>;
}

export function sessionCookieOf(res: Response): string | null {
  const line = res.headers.getSetCookie().find((c) => c.startsWith('zj_session='));
  const value = line?.split(';')[0]!.slice('zj_session='.length);
  return value ? `zj_session=${value}` : null;
}

export function callAdmin(t: TestSystem, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${t.url}/admin/api${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function logIn(t: TestSystem, name: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<AdminClient> {
  const res = await callAdmin(t, 'POST', '/session', { name, password }, headers);
  if (res.status !== 200) throw new Error(`login of ${name} failed: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as SessionView;
  const cookie = sessionCookieOf(res)!;
  return {
    cookie,
    csrfToken: session.csrfToken,
    session,
    call: (method, path, body, options = {}) =>
      callAdmin(t, method, path, body, { cookie, ...(options.csrf === false ? {} : { 'x-csrf-token': session.csrfToken }), ...options.headers }),
  };
}
