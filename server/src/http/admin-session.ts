import type { Middleware, ParameterizedContext } from 'koa';
import type { EditorRole } from '@zj/shared';
import type { EditorService, EditorSession } from '../editors/service';
import { AppError, ForbiddenError, UnauthorizedError } from '../errors';
import type { AppState } from './state';

/** What the admin middleware adds to `ctx.state`. */
export interface AdminState extends AppState {
  session?: EditorSession;
}

export const SESSION_COOKIE = 'zj_session';

/**
 * The console's pages and API. CSP without 'unsafe-inline' (the console ships its CSS as files:
 * research/console-and-charts.md §B), no framing, no MIME sniffing, no referrer to other sites.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

/** Security headers on everything under /admin (also on errors), and no caching of the API's answers. */
export function adminSecurityHeaders(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!isAdminPath(ctx.path)) return next();
    try {
      await next();
    } finally {
      ctx.set(SECURITY_HEADERS);
      if (ctx.path.startsWith('/admin/api')) ctx.set('Cache-Control', 'no-store');
    }
  };
}

export function setSessionCookie(ctx: ParameterizedContext, token: string): void {
  // Secure whenever the request came over HTTPS (directly, or per X-Forwarded-Proto with TRUST_PROXY).
  ctx.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: ctx.secure, path: '/admin', overwrite: true });
}

export function clearSessionCookie(ctx: ParameterizedContext): void {
  ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: ctx.secure, path: '/admin', overwrite: true, maxAge: 0 });
}

/** Puts the cookie's session (if valid) on `ctx.state.session`; an ended one also clears the cookie. */
export function adminSession(editors: EditorService): Middleware<AdminState> {
  return async (ctx, next) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) {
      const session = await editors.authenticate(token);
      if (session) ctx.state.session = session;
      else clearSessionCookie(ctx);
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request another site made the browser send: its Origin (or Sec-Fetch-Site)
 * must be this site, and with a session it must carry the session's X-CSRF-Token. SameSite=Strict
 * already keeps the cookie off cross-site requests; this is the second lock (OWASP CSRF cheat sheet).
 */
export function csrfProtection(editors: EditorService): Middleware<AdminState> {
  return async (ctx, next) => {
    if (SAFE_METHODS.has(ctx.method)) return next();
    const origin = ctx.get('Origin');
    const fetchSite = ctx.get('Sec-Fetch-Site');
    // Koa 3's ctx.origin is the Origin header itself, so this site's origin is spelled out.
    if ((origin !== '' && origin !== `${ctx.protocol}://${ctx.host}`) || (origin === '' && fetchSite !== '' && fetchSite !== 'same-origin')) {
      throw new AppError(403, 'csrf_rejected', '请求来源不是本站，已拒绝');
    }
    const session = ctx.state.session;
    if (session && !editors.csrfMatches(session, ctx.get('X-CSRF-Token'))) {
      throw new AppError(403, 'csrf_rejected', '缺少或错误的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试');
    }
    await next();
  };
}

/** For routers under /admin/api: 401 without a session, 403 when its role is not one of `roles`. */
export function requireRole(...roles: EditorRole[]): Middleware<AdminState> {
  return async (ctx, next) => {
    const session = ctx.state.session;
    if (!session) throw new UnauthorizedError();
    if (!roles.includes(session.editor.role as EditorRole)) throw new ForbiddenError();
    await next();
  };
}

export function sessionOf(ctx: { state: AdminState }): EditorSession {
  if (!ctx.state.session) throw new UnauthorizedError();
  return ctx.state.session;
}
