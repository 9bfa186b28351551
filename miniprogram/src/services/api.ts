import Taro from '@tarojs/taro';
import {
  API_PATH_SEGMENTS,
  ContentDetail,
  ContentPage,
  CreditList,
  CurrentWage,
  EligibilityCheckResponse,
  ErrorBody,
  Profile,
  ReceivedPushList,
  SessionResponse,
  SubscribeResultsResponse,
  Subscription,
  SubscriptionList,
  TopicList,
  type ProfileUpdate,
  type SubscriptionRequest,
  type Audience,
  type ContentKind,
  type District,
  type EligibilityAnswers,
  type GuideTheme,
  type RecruitmentStatus,
} from '@zj/shared';
import { z } from 'zod';

/** Why a request failed, in words a resident understands; `code` is the API's stable error code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined>;

const queryString = (query: Query): string => {
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** How to send a request: GET by default; a body is sent as JSON; a token as the bearer session. */
interface Send {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: object;
  token?: string;
}

/**
 * GET (or send `body` to) one API resource and check it against the shared schema: a server that answers something else
 * is reported as an error here, not as a blank field deep inside a page.
 */
async function request<S extends z.ZodType>(schema: S, path: string, query: Query, send: Send = {}): Promise<z.infer<S>> {
  const method = send.method ?? (send.body ? 'POST' : 'GET');
  const header: Record<string, string> = {};
  if (send.body) header['content-type'] = 'application/json';
  if (send.token) header.authorization = `Bearer ${send.token}`;
  let res: Awaited<ReturnType<typeof Taro.request>>;
  try {
    res = await Taro.request({
      url: `${API_BASE}/api/v1${path}${queryString(query)}`,
      timeout: 10_000,
      method,
      header,
      ...(send.body ? { data: send.body } : {}),
    });
  } catch {
    throw new ApiError('network', '网络连接失败，请检查网络后重试');
  }
  if (res.statusCode >= 400) {
    const body = ErrorBody.safeParse(res.data);
    if (body.success) throw new ApiError(body.data.error.code, body.data.error.message);
    throw new ApiError('http', `服务暂时不可用（${res.statusCode}），请稍后重试`);
  }
  const parsed = schema.safeParse(res.data);
  if (!parsed.success) {
    // For whoever debugs it (the resident sees the sentence): which answer broke the contract, and where.
    // eslint-disable-next-line no-console -- the browser's or DevTools' console, never a server log
    console.warn(`unexpected response from ${path}`, parsed.error.issues);
    throw new ApiError('unexpected_response', '服务返回的数据有误，请稍后重试');
  }
  return parsed.data;
}

const get = <S extends z.ZodType>(schema: S, path: string, query: Query = {}) => request(schema, path, query);

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

/** What the 补贴 list can be narrowed to; an absent filter means all. */
export interface SubsidyFilters {
  topic?: string;
  audience?: Audience;
  district?: District;
}

export const api = {
  list: (kind: ContentKind, page: PageRequest = {}, filters: Query = {}) => get(ContentPage, `/${API_PATH_SEGMENTS[kind]}`, { ...filters, ...page }),
  subsidies: (page: PageRequest = {}, filters: SubsidyFilters = {}) => get(ContentPage, '/subsidies', { ...filters, ...page }),
  guides: (page: PageRequest = {}, filters: { theme?: GuideTheme } = {}) => get(ContentPage, '/guides', { ...filters, ...page }),
  topics: () => get(TopicList, '/topics'),
  checkSubsidy: (id: number, answers: EligibilityAnswers) => request(EligibilityCheckResponse, `/subsidies/${id}/check`, {}, { body: answers }),
  recruitments: (page: PageRequest = {}, filters: { status?: RecruitmentStatus } = {}) => get(ContentPage, '/recruitments', { ...filters, ...page }),
  detail: (kind: ContentKind, id: number) => get(ContentDetail, `/${API_PATH_SEGMENTS[kind]}/${id}`),
  currentWage: (district: District) => get(CurrentWage, '/wage-standards/current', { district }),
  wageStandards: (page: PageRequest = {}, filters: { district?: District; standardType?: 'minimum_wage' | 'wage_guideline' } = {}) =>
    get(ContentPage, '/wage-standards', { standardType: 'minimum_wage', ...filters, ...page }),
  search: (q: string, page: PageRequest = {}) => get(ContentPage, '/search', { q, ...page }),
  /** A page opened from a push: counted once per recipient with the link's delivery id. */
  recordPushOpen: (pushId: number, deliveryId: number | null) => request(PushOpenResponse, `/pushes/${pushId}/opens`, {}, { body: deliveryId === null ? {} : { d: deliveryId } }),
};
export type Api = typeof api;

const PushOpenResponse = z.object({ ok: z.literal(true) });

/** The signed-in user's endpoints; each takes the session token (services/session.ts keeps it and logs in again on 401). */
export const userApi = {
  logIn: (code: string) => request(SessionResponse, '/session', {}, { body: { code } }),
  topics: (token: string) => request(TopicList, '/topics', {}, { token }),
  profile: (token: string) => request(Profile, '/me/profile', {}, { token }),
  updateProfile: (token: string, profile: ProfileUpdate) => request(Profile, '/me/profile', {}, { method: 'PUT', body: profile, token }),
  subscribe: (token: string, topic: string, narrowing: SubscriptionRequest) =>
    request(Subscription, `/me/subscriptions/${encodeURIComponent(topic)}`, {}, { method: 'PUT', body: narrowing, token }),
  unsubscribe: (token: string, topic: string) => request(SubscriptionList, `/me/subscriptions/${encodeURIComponent(topic)}`, {}, { method: 'DELETE', token }),
  recordSubscribeResults: (token: string, results: Record<string, string>) => request(SubscribeResultsResponse, '/me/subscribe-results', {}, { body: results, token }),
  credits: (token: string) => request(CreditList, '/me/credits', {}, { token }),
  pushes: (token: string) => request(ReceivedPushList, '/me/pushes', { limit: 20 }, { token }),
};
export type UserApi = typeof userApi;
