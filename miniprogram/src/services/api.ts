import Taro from '@tarojs/taro';
import {
  API_PATH_SEGMENTS,
  ContentDetail,
  ContentPage,
  CurrentWage,
  EligibilityCheckResponse,
  ErrorBody,
  TopicList,
  type Audience,
  type ContentKind,
  type District,
  type EligibilityAnswers,
  type GuideTheme,
  type RecruitmentStatus,
} from '@zj/shared';
import type { z } from 'zod';

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

/**
 * GET (or POST `body` to) one API resource and check it against the shared schema: a server that answers something else
 * is reported as an error here, not as a blank field deep inside a page.
 */
async function request<S extends z.ZodType>(schema: S, path: string, query: Query, body?: object): Promise<z.infer<S>> {
  let res: Awaited<ReturnType<typeof Taro.request>>;
  try {
    res = await Taro.request({
      url: `${API_BASE}/api/v1${path}${queryString(query)}`,
      timeout: 10_000,
      ...(body ? { method: 'POST', data: body, header: { 'content-type': 'application/json' } } : { method: 'GET' }),
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
  if (!parsed.success) throw new ApiError('unexpected_response', '服务返回的数据有误，请稍后重试');
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
  checkSubsidy: (id: number, answers: EligibilityAnswers) => request(EligibilityCheckResponse, `/subsidies/${id}/check`, {}, answers),
  recruitments: (page: PageRequest = {}, filters: { status?: RecruitmentStatus } = {}) => get(ContentPage, '/recruitments', { ...filters, ...page }),
  detail: (kind: ContentKind, id: number) => get(ContentDetail, `/${API_PATH_SEGMENTS[kind]}/${id}`),
  currentWage: (district: District) => get(CurrentWage, '/wage-standards/current', { district }),
  wageStandards: (page: PageRequest = {}, filters: { district?: District } = {}) =>
    get(ContentPage, '/wage-standards', { standardType: 'minimum_wage', ...filters, ...page }),
  search: (q: string, page: PageRequest = {}) => get(ContentPage, '/search', { q, ...page }),
};
export type Api = typeof api;
