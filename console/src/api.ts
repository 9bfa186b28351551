import type { ErrorBody, SessionView } from '@zj/shared';

/** A refused or failed /admin/api call, with the server's stable error code and Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from Retry-After (a locked login, a rate limit). */
    readonly retryAfter: number | null,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls with the session; the CSRF token is sent on every call that changes something. */
export interface Api {
  call<T>(method: Method, path: string, body?: unknown): Promise<T>;
}

const FALLBACK: Record<number, string> = {
  401: '登录已失效，请重新登录',
  403: '无权限执行此操作',
  429: '操作过于频繁，请稍后再试',
};

export function createApi(getCsrf: () => string | null, onUnauthorized: () => void): Api {
  return {
    async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const csrf = getCsrf();
      if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
      let res: Response;
      try {
        res = await fetch(`/admin/api${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
      } catch {
        throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', null);
      }
      if (res.status === 204) return undefined as T;
      const data: unknown = await res.json().catch(() => null);
      if (res.ok) return data as T;
      const error = (data as ErrorBody | null)?.error;
      const retry = Number(res.headers.get('Retry-After'));
      if (res.status === 401 && path !== '/session') onUnauthorized();
      throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? FALLBACK[res.status] ?? `服务器错误（${res.status}）`, Number.isFinite(retry) && retry > 0 ? retry : null, error?.details);
    },
  };
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export type { SessionView };
