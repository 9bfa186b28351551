import pino, { type Logger } from 'pino';

/** Paths never written to logs: secrets, tokens, passwords and what residents type. */
export const REDACT_PATHS = [
  'access_token',
  '*.access_token',
  'session_key',
  '*.session_key',
  'secret',
  '*.secret',
  '*.appSecret',
  'password',
  '*.password',
  'req.headers.cookie',
  'req.headers.authorization',
  '*.content',
  '*.Content',
];

/** JSON lines for machines; readable colour output when a person is watching a terminal. */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'zj-hrss' },
    transport: options.pretty ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } : undefined,
  });
}

/** Openids identify residents: keep enough to correlate log lines, not enough to identify anyone. */
export function maskOpenId(openid: string): string {
  return openid.length <= 8 ? '***' : `${openid.slice(0, 4)}***${openid.slice(-4)}`;
}

/**
 * An error as it may be logged. A failed Drizzle query carries its parameters in the message
 * (openids, what residents wrote), so only the driver's own message and code are kept.
 */
export function loggableError(err: unknown): { type: string; message: string; code?: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err).slice(0, 200) };
  const cause = err.cause instanceof Error ? (err.cause as Error & { code?: unknown }) : null;
  const failedQuery = 'params' in err && 'query' in err;
  const message = failedQuery ? `query failed: ${cause?.message ?? 'no cause given'}` : err.message;
  const code = cause?.code ?? (err as Error & { code?: unknown }).code;
  return {
    type: err.name,
    message: message.slice(0, 500),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(err.stack ? { stack: err.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8).join('\n') } : {}),
  };
}

const LEVEL_METHODS = new Set<string | symbol>(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const noop = (): void => undefined;

/**
 * `parent.child(bindings())`, made only when something is logged through it: a pino child (bindings
 * serialised and redacted) per request and per push was a visible share of the CPU per message, and most
 * requests log nothing at the configured level. Calls at disabled levels stay no-ops without a child.
 */
export function lazyChild(parent: Logger, bindings: () => pino.Bindings): Logger {
  let child: Logger | undefined;
  const real = (): Logger => (child ??= parent.child(bindings()));
  return new Proxy({} as Logger, {
    get(_target, prop) {
      if (child === undefined) {
        // Answered by the parent (itself possibly lazy), which has the same level, without making the child.
        if (prop === 'isLevelEnabled') return (level: string) => parent.isLevelEnabled(level);
        if (prop === 'level') return parent.level;
        if (typeof prop === 'string' && LEVEL_METHODS.has(prop) && !parent.isLevelEnabled(prop)) return noop;
      }
      const target = real();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(real(), prop, value);
    },
    has(_target, prop) {
      return Reflect.has(real(), prop);
    },
  });
}
