import Taro from '@tarojs/taro';
import type { ContentDetail, EligibilityRule } from '@zj/shared';
import { selfCheckQuestions } from '@zj/shared';

type Subsidy = Extract<ContentDetail, { kind: 'subsidy' }>;

/** A published subsidy as GET /api/v1/subsidies/{id} answers it, with its self-check questions built from `rules`. */
export function aSubsidyDetail(id: number, rules: EligibilityRule[], window: { opensOn: string | null; closesOn: string | null } = { opensOn: null, closesOn: null }): Subsidy {
  return {
    kind: 'subsidy',
    id,
    slug: `subsidy-${id}`,
    title: '一次性创业补贴',
    summary: '首次创业的重点群体可申请一次性创业补贴。',
    topics: ['employment_subsidy'],
    districts: [],
    audiences: ['individual'],
    department: '就业促进处',
    isSample: true,
    publishedAt: '2026-01-05T02:00:00.000Z',
    updatedAt: '2026-01-05T02:00:00.000Z',
    body: '## 补贴标准\n\n每户5000元。',
    policyBasis: null,
    sourceUrl: null,
    sourceNote: '示例数据',
    version: 1,
    details: {
      conditions: rules.map((r) => r.condition),
      eligibility: rules,
      amount: '每户5000元',
      applicationWindow: { ...window, note: '' },
      channels: [{ type: 'online', name: '江苏智慧人社', address: null, url: null }],
      materials: ['身份证'],
      steps: ['网上申请', '审核', '发放'],
      payoutBatches: [],
    },
    questions: selfCheckQuestions(rules),
  } as Subsidy;
}

export const json = (data: unknown, statusCode = 200) => ({ statusCode, data });
export const pathOf = (url: string) => new URL(url, 'http://app.test').pathname;

export type FakeRequest = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type Answer = { statusCode: number; data: unknown };

/**
 * The network, the one thing faked: every `Taro.request` the app makes (API and sandbox stand-ins alike)
 * is answered by `handler`; a handler that throws is a request that never reached a server.
 */
export function answerRequests(handler: (req: FakeRequest) => Answer | Promise<Answer>): jest.SpyInstance {
  const request = jest.spyOn(Taro, 'request') as unknown as jest.SpyInstance<Promise<Answer>, [FakeRequest]>;
  return request.mockImplementation(async (req) => handler(req));
}

/** A phone nobody has used: no mocks or spies left over, nothing in storage. */
export function resetPhone(): void {
  jest.restoreAllMocks();
  window.localStorage.clear();
}
