import Taro from '@tarojs/taro';
import { z } from 'zod';
import { getLoginCode } from '../platform/wechat-auth';
import { ApiError, userApi } from './api';

const KEY = 'session';
const Stored = z.object({ token: z.string().min(1), expiresAt: z.string() });
type Stored = z.infer<typeof Stored>;

/** A token this close to its end is renewed before use rather than sent to be refused. */
const RENEW_MARGIN_MS = 60_000;

function read(): Stored | null {
  try {
    const parsed = Stored.safeParse(Taro.getStorageSync(KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const usable = (s: Stored | null, now: number): s is Stored => s !== null && Date.parse(s.expiresAt) - RENEW_MARGIN_MS > now;

/** Whether this phone has logged in before (a token is kept, maybe expired: it is renewed without asking). */
export function hasSession(): boolean {
  return read() !== null;
}

export function logOut(): void {
  Taro.removeStorageSync(KEY);
}

let pending: Promise<string> | null = null;

/** wx.login (or the sandbox's stand-in in H5) → POST /api/v1/session → the token, kept in storage. */
export function logIn(): Promise<string> {
  // Several loads on one page that all find the token expired share one login.
  pending ??= (async () => {
    try {
      const code = await getLoginCode();
      const session = await userApi.logIn(code);
      Taro.setStorageSync(KEY, { token: session.token, expiresAt: session.expiresAt });
      return session.token;
    } finally {
      pending = null;
    }
  })();
  return pending;
}

/**
 * Runs `call` with a valid token: the kept one, or a fresh login when it is missing or about to expire.
 * A 401 (the token expired on the server, or its keys were rotated) logs in again and retries once.
 */
export async function withSession<T>(call: (token: string) => Promise<T>, now: () => number = Date.now): Promise<T> {
  const kept = read();
  const token = usable(kept, now()) ? kept.token : await logIn();
  try {
    return await call(token);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'unauthorized') throw err;
    logOut();
    return call(await logIn());
  }
}
