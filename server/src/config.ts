import path from 'node:path';
import { z } from 'zod';
import { parseQuietHours, type QuietHours } from './pushes/timing';

const SANDBOX = {
  appId: 'wx5a9d0c3e7f1b2a60',
  appSecret: 'sandbox-secret-not-for-production',
  token: 'sandbox-token',
  mpAppId: 'wx8c4e2b7d9a1f3056',
  mpSecret: 'sandbox-mp-secret-not-for-production',
};

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  HOST: z.string().min(1).default('127.0.0.1').describe('HTTP listen address'),
  DATABASE_URL: optionalString
    .pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional())
    .describe('PostgreSQL server; absent = embedded PGlite'),
  DATA_DIR: z.string().min(1).default('./data').describe('folder of the embedded database; relative to where npm start was typed'),
  // npm runs `npm start` inside the server workspace but sets INIT_CWD to the folder the user typed it in.
  INIT_CWD: optionalString.describe('set by npm: the folder the command was typed in'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  WECHAT_TOKEN: optionalString
    .pipe(z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3–32 letters or digits, as the WeChat console requires').optional())
    .describe('token for the /wechat signature'),
  WECHAT_APPID: optionalString.pipe(z.string().regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits').optional()),
  WECHAT_APPSECRET: optionalString.pipe(z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits').optional()),
  WECHAT_AES_KEY: optionalString
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}$/, 'must be exactly 43 characters of base64 (the EncodingAESKey from the WeChat console)')
        .optional(),
    )
    .describe('EncodingAESKey; set = safe/compatible mode accepted'),
  WECHAT_API_BASE: optionalString.pipe(z.url().optional()).describe('platform API base URL'),
  WECHAT_TIMESTAMP_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(300)
    .describe('pushes whose signed timestamp is further than this from now are refused'),
  WECHAT_COMPATIBLE_MODE: z
    .enum(['true', 'false'])
    .default('false')
    .describe('with WECHAT_AES_KEY: also accept plaintext pushes (兼容模式); off = safe mode only'),
  METRICS_TOKEN: optionalString
    .pipe(z.string().min(16, 'must be at least 16 characters').optional())
    .describe('bearer token for /metrics from other hosts; absent = loopback only'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true behind a reverse proxy: client address and scheme from its X-Forwarded-For / X-Forwarded-Proto'),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000).describe('PostgreSQL: wait for a pooled connection'),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000).describe('PostgreSQL: statement_timeout'),
  MP_APPID: optionalString.pipe(z.string().regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits').optional()),
  MP_SECRET: optionalString.pipe(z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits').optional()),
  PUSH_SEND_RATE_PER_SECOND: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(100_000)
    .default(2_000)
    .describe('push messages per second of all instances together'),
  PUSH_CONCURRENCY: z.coerce.number().int('must be a whole number').min(1).max(1_000).default(256).describe('push sends in flight at once per instance'),
  PUSH_QUIET_HOURS: z
    .string()
    .trim()
    .default('22:00-08:00')
    .transform((text, ctx) => {
      try {
        return parseQuietHours(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM in Beijing time (e.g. 22:00-08:00), or off' });
        return z.NEVER;
      }
    })
    .describe('Beijing-time window in which non-urgent pushes wait; off = none'),
  SANDBOX_LATENCY_MS: z.coerce.number().int('must be a whole number').min(0).max(10_000).default(0).describe('sandbox only: delay before each platform answer'),
});

export interface Config {
  port: number;
  host: string;
  database: { url: string } | { dataDir: string };
  /** PostgreSQL only: how long to wait for a pooled connection, and the statement_timeout of every session. */
  databaseTimeouts: { connectMs: number; statementMs: number };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** true when no real WeChat secret is configured: the local sandbox stands in for the platform. */
  sandbox: boolean;
  wechat: {
    token: string;
    appId: string;
    appSecret: string;
    aesKey: string | null;
    apiBase: string;
    /** Pushes signed further than this from now are refused (replays). */
    timestampWindowSeconds: number;
    /** With an AES key: plaintext pushes are accepted too (兼容模式); otherwise refused. */
    compatibleMode: boolean;
  };
  /** `configured` is false when the real platform is used without MP_APPID/MP_SECRET: no login, no calls. */
  miniProgram: { appId: string; secret: string; configured: boolean };
  /** Bearer token that opens /metrics to other hosts; null = loopback only. */
  metricsToken: string | null;
  /** Behind a reverse proxy: believe its X-Forwarded-For / X-Forwarded-Proto (login limits per IP, Secure cookies). */
  trustProxy: boolean;
  /** Push sending: the rate all instances share, sends in flight per instance, quiet hours (null = none). */
  pushes: { ratePerSecond: number; concurrency: number; quietHours: QuietHours | null };
  /** The sandbox waits this long before each platform answer, as WeChat's round trip would (load tests, crash drills). */
  sandboxLatencyMs: number;
  /** Start-up goes ahead, but an operator must read these (main.ts logs each once). */
  warnings: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = z.infer<typeof EnvSchema>;

/**
 * One sandbox stands in for the whole platform or for none of it. A half-configured deployment that
 * would route residents' data to the in-memory sandbox (and show it at /sandbox/_inspect) is refused;
 * one that merely lacks a feature starts with a warning.
 */
function checkCombination(e: Env): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (e.WECHAT_APPSECRET !== undefined) {
    if (!e.WECHAT_TOKEN) problems.push('WECHAT_TOKEN: required when WECHAT_APPSECRET is set (real WeChat)');
    if (!e.WECHAT_APPID) problems.push('WECHAT_APPID: required when WECHAT_APPSECRET is set (real WeChat)');
    if (e.WECHAT_API_BASE !== undefined && /\/sandbox\/?$/.test(new URL(e.WECHAT_API_BASE).pathname)) {
      problems.push('WECHAT_API_BASE: points at the local sandbox while WECHAT_APPSECRET is set; remove it to use https://api.weixin.qq.com');
    }
    if (e.MP_SECRET === undefined && e.MP_APPID === undefined) {
      warnings.push('MP_APPID and MP_SECRET are not set: mini-program login is unavailable (the official account uses real WeChat)');
    }
  } else {
    // Real pushes would pass the signature check with a real token, and late answers would go to the sandbox.
    for (const key of ['WECHAT_TOKEN', 'WECHAT_APPID'] as const) {
      if (e[key] !== undefined) problems.push(`${key}: set without WECHAT_APPSECRET; set WECHAT_APPSECRET too, or unset ${key} to run the sandbox`);
    }
    if (e.MP_SECRET !== undefined) problems.push('MP_SECRET: set without WECHAT_APPSECRET; one sandbox stands in for both accounts or for neither');
    // Harmless: real pushes fail the sandbox token's signature. Trying 安全模式 locally needs exactly this.
    if (e.WECHAT_AES_KEY !== undefined) {
      warnings.push('WECHAT_AES_KEY is set without WECHAT_APPSECRET: the local sandbox stands in for WeChat and encrypts its pushes with this key');
    }
  }
  if ((e.MP_APPID === undefined) !== (e.MP_SECRET === undefined)) problems.push('MP_APPID and MP_SECRET: set both or neither');
  return { problems, warnings };
}

/**
 * Parses the environment once. Every problem is reported, one line each, so an operator fixes them all
 * in one go. `process.env` is read here and nowhere else (lint rule n/no-process-env).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const sandbox = e.WECHAT_APPSECRET === undefined;
  const { problems, warnings } = checkCombination(e);
  if (problems.length > 0) throw new ConfigError(problems);

  const port = e.PORT;
  return Object.freeze({
    port,
    host: e.HOST,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: path.resolve(e.INIT_CWD ?? process.cwd(), e.DATA_DIR) },
    databaseTimeouts: { connectMs: e.DATABASE_CONNECT_TIMEOUT_MS, statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
    sandbox,
    wechat: {
      token: e.WECHAT_TOKEN ?? SANDBOX.token,
      appId: e.WECHAT_APPID ?? SANDBOX.appId,
      appSecret: e.WECHAT_APPSECRET ?? SANDBOX.appSecret,
      aesKey: e.WECHAT_AES_KEY ?? null,
      apiBase: e.WECHAT_API_BASE ?? (sandbox ? `http://127.0.0.1:${port}/sandbox` : 'https://api.weixin.qq.com'),
      timestampWindowSeconds: e.WECHAT_TIMESTAMP_WINDOW_SECONDS,
      compatibleMode: e.WECHAT_COMPATIBLE_MODE === 'true',
    },
    miniProgram: { appId: e.MP_APPID ?? SANDBOX.mpAppId, secret: e.MP_SECRET ?? SANDBOX.mpSecret, configured: sandbox || e.MP_SECRET !== undefined },
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: e.TRUST_PROXY === 'true',
    pushes: { ratePerSecond: e.PUSH_SEND_RATE_PER_SECOND, concurrency: e.PUSH_CONCURRENCY, quietHours: e.PUSH_QUIET_HOURS },
    sandboxLatencyMs: e.SANDBOX_LATENCY_MS,
    warnings,
  });
}
