import { z } from 'zod';
import { createRandomPool } from '../random-pool';
import { WECHAT_ERRCODES as E } from '../wechat/client/api-errors';

/** The sandbox's wire format: WeChat's errmsgs and answer shapes, and the request bodies it accepts. */

/** What an API handler answers: a JSON object (msgid spliced in as bare digits), or a raw failure. */
export interface SandboxAnswer {
  status: number;
  body: string;
  errcode: number;
  appId: string | null;
}

export interface ApiInput {
  query: Record<string, string>;
  body: unknown;
}

const ERRMSG: Record<number, string> = {
  [E.systemBusy]: 'system error',
  [E.invalidCredential]: 'invalid credential, access_token is invalid or not latest',
  [E.invalidOpenId]: 'invalid openid',
  [E.invalidAppId]: 'invalid appid',
  [E.invalidAccessToken]: 'invalid access_token',
  [E.invalidCode]: 'invalid code',
  [E.invalidTemplateId]: 'invalid template_id',
  [E.invalidAppSecret]: 'invalid appsecret',
  [E.accessTokenMissing]: 'access_token missing',
  [E.invalidPage]: 'invalid weapp pagepath',
  [E.accessTokenExpired]: 'access_token expired',
  [E.requireSubscribe]: 'require subscribe',
  [E.userRefused]: 'user refuse to accept the msg',
  [E.apiQuota]: 'reach max api daily quota limit',
  [E.apiMinuteQuota]: 'reach max api minute quota limit',
  [E.outOfCustomerServiceWindow]: 'response out of time limit or subscription is canceled',
  [E.menuMissing]: 'menu no exist',
  [E.dataFormat]: 'data format error',
  [E.apiUnauthorized]: 'api unauthorized',
  40002: 'invalid grant_type',
  40032: 'invalid openid list size',
};

const random = createRandomPool();
const rid = () => [4, 4, 4].map((n) => random(n).toString('hex')).join('-');

/**
 * A msgid (or MsgId) beyond 2^53 like WeChat's, so every consumer has to keep it as a string (§1.7);
 * random, so a restarted sandbox never repeats one already stored.
 */
export const randomMsgId = () => String((random(8).readBigUInt64BE() >> 2n) | (1n << 61n));

export function json(payload: Record<string, unknown>, appId: string | null, msgid?: string): SandboxAnswer {
  let body = JSON.stringify(payload);
  if (msgid !== undefined) body = `${body.slice(0, -1)},"msgid":${msgid}}`;
  return { status: 200, body, errcode: 0, appId };
}

/** WeChat's error shape, with the request id WeChat appends to every errmsg. */
export function errorAnswer(errcode: number, appId: string | null, errmsg?: string): SandboxAnswer {
  const text = `${errmsg ?? ERRMSG[errcode] ?? 'error'} rid: ${rid()}`;
  return { status: 200, body: JSON.stringify({ errcode, errmsg: text }), errcode, appId };
}

/** Menu problems mapped to the errcodes WeChat uses for them (40016–40027). */
export function menuErrcode(issue: z.core.$ZodIssue): number {
  const path = issue.path.map(String);
  const sub = path.includes('sub_button');
  const last = path[path.length - 1];
  if (path.length <= 1) return 40016;
  if (last === 'sub_button') return 40023;
  if (last === 'name') return sub ? 40025 : 40018;
  if (last === 'key') return sub ? 40026 : 40019;
  if (last === 'url') return sub ? 40027 : 40020;
  return sub ? 40024 : 40017;
}

export const TemplateBody = z.object({
  touser: z.string(),
  template_id: z.string(),
  url: z.string().optional(),
  miniprogram: z.object({ appid: z.string(), pagepath: z.string() }).optional(),
  client_msg_id: z.string().optional(),
  data: z.record(z.string(), z.object({ value: z.string() })),
});
export const SubscribeBody = z.object({
  touser: z.string(),
  template_id: z.string(),
  page: z.string().optional(),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
  data: z.record(z.string(), z.object({ value: z.string() })),
});
export const UserListBody = z.object({ user_list: z.array(z.object({ openid: z.string(), lang: z.string().optional() })) });
export const CustomBody = z.object({ touser: z.string(), msgtype: z.literal('text'), text: z.object({ content: z.string().min(1) }) });
export const TokenBody = z.object({ grant_type: z.string(), appid: z.string(), secret: z.string(), force_refresh: z.boolean().optional() });
export const QrBody = z.union([
  z.object({
    action_name: z.literal('QR_SCENE'),
    expire_seconds: z.number().int().min(1).max(2_592_000).optional(),
    action_info: z.object({ scene: z.object({ scene_id: z.number().int().min(1).max(0xffff_ffff) }) }),
  }),
  z.object({
    action_name: z.literal('QR_STR_SCENE'),
    expire_seconds: z.number().int().min(1).max(2_592_000).optional(),
    action_info: z.object({ scene: z.object({ scene_str: z.string().min(1).max(64) }) }),
  }),
  z.object({ action_name: z.literal('QR_LIMIT_SCENE'), action_info: z.object({ scene: z.object({ scene_id: z.number().int().min(1).max(100_000) }) }) }),
  z.object({ action_name: z.literal('QR_LIMIT_STR_SCENE'), action_info: z.object({ scene: z.object({ scene_str: z.string().min(1).max(64) }) }) }),
]);
