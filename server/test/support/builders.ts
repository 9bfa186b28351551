import { REVIEW_GATES, type ContentInput, type DetailsOf, type GateVerdict } from '@zj/shared';
import type { ContentService } from '../../src/content/service';
import { testActorsOf, type TestActors } from './editors';

let counter = 0;
const next = () => ++counter;

type Common = Omit<Extract<ContentInput, { kind: 'notice' }>, 'kind' | 'details'>;

function common(title: string, overrides: Partial<Common> = {}): Common {
  return {
    slug: `test-item-${next()}`,
    title,
    summary: `${title}的摘要`,
    body: `## ${title}\n\n正文内容。`,
    topics: [],
    districts: [],
    audiences: ['individual'],
    department: '办公室',
    policyBasis: null,
    sourceUrl: null,
    sourceNote: null,
    isSample: true,
    ...overrides,
  };
}

export function aSubsidy(overrides: Partial<Common> & { details?: Partial<DetailsOf<'subsidy'>> } = {}): ContentInput {
  const { details, ...rest } = overrides;
  return {
    ...common('测试补贴', { topics: ['employment_subsidy'], ...rest }),
    kind: 'subsidy',
    details: {
      conditions: ['年龄在16至60周岁之间', '镇江户籍'],
      eligibility: [
        { op: 'between', field: 'age', min: 16, max: 60, condition: '年龄在16至60周岁之间' },
        { op: 'oneOf', field: 'hukou', values: ['zhenjiang'], condition: '镇江户籍' },
      ],
      amount: '每人3000元',
      applicationWindow: { opensOn: null, closesOn: null, note: '常年受理' },
      channels: [{ type: 'online', name: '江苏智慧人社', address: null, url: null }],
      materials: ['身份证'],
      steps: ['网上申请', '审核', '发放'],
      payoutBatches: [],
      ...details,
    },
  };
}

export function aNotice(overrides: Partial<Common> & { details?: Partial<DetailsOf<'notice'>> } = {}): ContentInput {
  const { details, ...rest } = overrides;
  return { ...common('测试通知', rest), kind: 'notice', details: { category: 'general', validUntil: null, ...details } };
}

export function aPolicy(overrides: Partial<Common> & { details?: Partial<DetailsOf<'policy'>> } = {}): ContentInput {
  const { details, ...rest } = overrides;
  return {
    ...common('测试政策文件', { topics: ['policy_interpretation'], ...rest }),
    kind: 'policy',
    details: { docNumber: '镇人社发〔2026〕1号', issuer: '镇江市人力资源和社会保障局', issuedOn: '2026-11-01', ...details },
  };
}

export function anInterpretation(policySlug: string, overrides: Partial<Common> = {}): ContentInput {
  return {
    ...common('测试政策解读', { topics: ['policy_interpretation'], ...overrides }),
    kind: 'interpretation',
    details: { policySlug, form: 'qa', qa: [{ question: '谁可以申请?', answer: '符合条件的个人。' }] },
  };
}

export function aRecruitment(overrides: Partial<Common> & { details?: Partial<DetailsOf<'recruitment'>> } = {}): ContentInput {
  const { details, ...rest } = overrides;
  return {
    ...common('测试招聘公告', { topics: ['institution_recruitment'], ...rest }),
    kind: 'recruitment',
    details: {
      category: 'institution',
      organiser: '镇江市人力资源和社会保障局',
      registrationOpensAt: '2026-11-20T09:00:00+08:00',
      registrationClosesAt: '2026-11-30T17:00:00+08:00',
      examOn: '2026-12-20',
      finishesOn: null,
      registrationUrl: null,
      contact: null,
      positions: [{ code: '01', title: '综合管理', count: 2, education: '本科及以上', major: '不限', ageLimit: null, requirements: '无' }],
      ...details,
    },
  };
}

export function aWageStandard(overrides: Partial<Common> & { details?: Partial<DetailsOf<'wage_standard'>> } = {}): ContentInput {
  const { details, ...rest } = overrides;
  return {
    ...common('测试最低工资标准', { topics: ['wage_standard'], ...rest }),
    kind: 'wage_standard',
    details: {
      standardType: 'minimum_wage',
      effectiveFrom: '2026-01-01',
      docNumber: '苏人社规〔2025〕3号',
      localDocNumber: null,
      issuer: '江苏省人力资源和社会保障厅',
      rates: [
        { type: 'monthly_min', tier: 1, amount: 2660, unit: '元/月', districts: ['jingkou', 'runzhou', 'dantu', 'xinqu'] },
        { type: 'monthly_min', tier: 2, amount: 2420, unit: '元/月', districts: ['danyang', 'yangzhong', 'jurong'] },
        { type: 'hourly_min', tier: 1, amount: 26, unit: '元/小时', districts: ['jingkou', 'runzhou', 'dantu', 'xinqu'] },
        { type: 'hourly_min', tier: 2, amount: 24, unit: '元/小时', districts: ['danyang', 'yangzhong', 'jurong'] },
      ],
      ...details,
    },
  };
}

/** A passing verdict on each of the five gates (五关). */
export const allGatesPass = (comment = ''): GateVerdict[] => REVIEW_GATES.map((gate) => ({ gate, pass: true, comment }));

/** Creates an item and walks it through review to published, as an editor and a reviewer would. */
export async function publish(content: ContentService, input: ContentInput, actors: Partial<TestActors> = {}) {
  const { author, reviewer } = { ...testActorsOf(content), ...actors };
  const created = await content.createItem(input, author);
  const submitted = await content.changeStatus(created.id, 'in_review', { actor: author, expectedVersion: created.version });
  const approved = await content.changeStatus(created.id, 'approved', { actor: reviewer, expectedVersion: submitted.version, gates: allGatesPass() });
  return content.changeStatus(created.id, 'published', { actor: reviewer, expectedVersion: approved.version });
}
