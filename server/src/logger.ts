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
