import {
  CreditList,
  Profile,
  ProfileUpdate,
  SessionRequest,
  SessionResponse,
  SubscribeResultsRequest,
  SubscribeResultsResponse,
  Subscription,
  SubscriptionList,
  SubscriptionRequest,
  TopicList,
  TopicParams,
} from '@zj/shared';
import type { ParameterizedContext } from 'koa';
import { UnauthorizedError } from '../errors';
import { defineRoute, type ApiRoute } from '../http/api-route';
import type { AppState } from '../http/state';
import type { MiniProgramUsers } from './mp-users';
import { RateLimitedError, type RateLimiter } from './rate-limit';
import type { SessionTokens } from './session-tokens';

const BEARER = /^Bearer[ \t]+(\S+)$/i;

interface Caller {
  subscriberId: number;
}

/**
 * Authentication and rate limits of the mini-program's user endpoints. Every request counts against its
 * address; one with a valid token also against its user. An invalid token counts too, before it is
 * refused, so guessing tokens runs into the limit.
 */
export function sessionGuard(deps: { tokens: SessionTokens; limiter: RateLimiter }) {
  const { tokens, limiter } = deps;
  const { perIp, perUser } = limiter.limits;

  async function hit(ctx: ParameterizedContext<AppState>, keys: Parameters<RateLimiter['hit']>[0]): Promise<void> {
    try {
      await limiter.hit(keys);
    } catch (err) {
      if (err instanceof RateLimitedError) ctx.set('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }

  async function authenticate(ctx: ParameterizedContext<AppState>, required: boolean): Promise<Caller | null> {
    const header = ctx.get('Authorization');
    const ipKey = { key: `ip:${ctx.ip}`, limit: perIp };
    if (header === '') {
      await hit(ctx, [ipKey]);
      if (required) throw new UnauthorizedError('请先登录');
      return null;
    }
    const token = BEARER.exec(header)?.[1];
    const verified = token ? await tokens.verify(token) : ({ ok: false, reason: 'malformed' } as const);
    await hit(ctx, verified.ok ? [ipKey, { key: `user:${verified.subscriberId}`, limit: perUser }] : [ipKey]);
    if (!verified.ok) throw new UnauthorizedError(verified.reason === 'expired' ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录');
    return { subscriberId: verified.subscriberId };
  }

  return {
    required: async (ctx: ParameterizedContext<AppState>): Promise<Caller> => (await authenticate(ctx, true))!,
    optional: (ctx: ParameterizedContext<AppState>): Promise<Caller | null> => authenticate(ctx, false),
    login: (ctx: ParameterizedContext<AppState>): Promise<void> =>
      hit(ctx, [
        { key: `ip:${ctx.ip}`, limit: perIp },
        { key: `login:${ctx.ip}`, limit: limiter.limits.loginsPerIp },
      ]),
  };
}

/** The mini-program user's API: login, profile, topics and subscriptions, subscribe-message credits. */
export function audienceRoutes(deps: { users: MiniProgramUsers; tokens: SessionTokens; limiter: RateLimiter }): ApiRoute[] {
  const { users } = deps;
  const guard = sessionGuard(deps);
  const user = { auth: 'required' as const, guard: guard.required, errors: [401, 429] };
  return [
    defineRoute({
      method: 'post',
      path: '/session',
      operationId: 'create_session',
      summary: '小程序登录：用 wx.login 的 code 换取会话令牌',
      tag: 'user',
      body: SessionRequest,
      response: SessionResponse,
      errors: [429, 503],
      guard: guard.login,
      handler: ({ body }) => users.logIn(body.code),
    }),
    defineRoute({
      method: 'get',
      path: '/topics',
      operationId: 'list_topics',
      summary: '可订阅的主题（带令牌时含本人的订阅）',
      tag: 'reference',
      response: TopicList,
      cacheable: true,
      auth: 'optional',
      guard: guard.optional,
      errors: [401, 429],
      handler: async ({ caller }) => ({ items: await users.topics(caller?.subscriberId ?? null) }),
    }),
    defineRoute({
      method: 'get',
      path: '/me/profile',
      operationId: 'get_profile',
      summary: '本人资料：所在区县、身份',
      tag: 'user',
      response: Profile,
      ...user,
      handler: ({ caller }) => users.profile(caller.subscriberId),
    }),
    defineRoute({
      method: 'put',
      path: '/me/profile',
      operationId: 'update_profile',
      summary: '修改本人资料（区县可填名称，如 丹阳市）',
      tag: 'user',
      body: ProfileUpdate,
      response: Profile,
      ...user,
      handler: ({ caller, body }) => users.updateProfile(caller.subscriberId, body),
    }),
    defineRoute({
      method: 'get',
      path: '/me/subscriptions',
      operationId: 'list_subscriptions',
      summary: '本人订阅的主题',
      tag: 'user',
      response: SubscriptionList,
      ...user,
      handler: async ({ caller }) => ({ items: await users.subscriptions(caller.subscriberId) }),
    }),
    defineRoute({
      method: 'put',
      path: '/me/subscriptions/:topic',
      operationId: 'subscribe_topic',
      summary: '订阅主题，可限定区县和身份（为空表示全部）',
      tag: 'user',
      params: TopicParams,
      body: SubscriptionRequest,
      response: Subscription,
      ...user,
      errors: [401, 404, 429],
      handler: ({ caller, params, body }) => users.subscribe(caller.subscriberId, params.topic, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/me/subscriptions/:topic',
      operationId: 'unsubscribe_topic',
      summary: '退订主题；返回余下的订阅',
      tag: 'user',
      params: TopicParams,
      response: SubscriptionList,
      ...user,
      handler: async ({ caller, params }) => ({ items: await users.unsubscribe(caller.subscriberId, params.topic) }),
    }),
    defineRoute({
      method: 'post',
      path: '/me/subscribe-results',
      operationId: 'record_subscribe_results',
      summary: '上报 wx.requestSubscribeMessage 的结果：每次同意加一次可发送次数',
      tag: 'user',
      body: SubscribeResultsRequest,
      response: SubscribeResultsResponse,
      ...user,
      handler: ({ caller, body }) => users.recordSubscribeResults(caller.subscriberId, body),
    }),
    defineRoute({
      method: 'get',
      path: '/me/credits',
      operationId: 'list_credits',
      summary: '本人各订阅消息模板的剩余可发送次数',
      tag: 'user',
      response: CreditList,
      ...user,
      handler: async ({ caller }) => ({ items: await users.credits(caller.subscriberId) }),
    }),
  ];
}
