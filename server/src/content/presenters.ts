import {
  GUIDE_THEME_NAMES,
  RECRUITMENT_STATUS_NAMES,
  recruitmentStatus,
  selfCheckQuestions,
  type ContentDetail,
  type ContentKind,
  type ContentSummary,
  type DetailsOf,
} from '@zj/shared';
import type { ContentRow } from './repository';

/** Kind-specific extras of a detail that need other rows (linked items, the next standard…). */
export type DetailExtras =
  | { kind: 'wage_standard'; effectiveTo: string | null; isCurrent: boolean }
  | { kind: 'policy'; interpretations: Array<{ id: number; title: string; publishedAt: string }> }
  | {
      kind: 'interpretation';
      policy: { id: number; title: string; publishedAt: string; docNumber: string } | null;
      dueOn: string | null;
      onTime: boolean | null;
    }
  | { kind: 'subsidy' | 'recruitment' | 'notice' | 'guide' };

const iso = (d: Date | null): string => (d ?? new Date(0)).toISOString();

function common(row: ContentRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    topics: row.topics,
    districts: row.districts as ContentSummary['districts'],
    audiences: row.audiences as ContentSummary['audiences'],
    department: row.department,
    isSample: row.isSample,
    publishedAt: iso(row.publishedAt),
    updatedAt: iso(row.updatedAt),
  };
}

const details = <K extends ContentKind>(row: ContentRow, _kind: K) => row.details as DetailsOf<K>;

export function toSummary(row: ContentRow, now: Date): ContentSummary {
  const base = common(row);
  switch (row.kind as ContentKind) {
    case 'subsidy': {
      const d = details(row, 'subsidy');
      return { ...base, kind: 'subsidy', brief: { amount: d.amount, opensOn: d.applicationWindow.opensOn, closesOn: d.applicationWindow.closesOn } };
    }
    case 'wage_standard': {
      const d = details(row, 'wage_standard');
      return { ...base, kind: 'wage_standard', brief: { standardType: d.standardType, effectiveFrom: d.effectiveFrom, docNumber: d.docNumber } };
    }
    case 'recruitment': {
      const d = details(row, 'recruitment');
      const status = recruitmentStatus(d, now);
      return {
        ...base,
        kind: 'recruitment',
        brief: {
          category: d.category,
          status,
          statusName: RECRUITMENT_STATUS_NAMES[status],
          registrationOpensAt: d.registrationOpensAt,
          registrationClosesAt: d.registrationClosesAt,
          examOn: d.examOn,
          positionCount: d.positions.reduce((sum, p) => sum + p.count, 0),
        },
      };
    }
    case 'policy': {
      const d = details(row, 'policy');
      return { ...base, kind: 'policy', brief: { docNumber: d.docNumber, issuer: d.issuer, issuedOn: d.issuedOn } };
    }
    case 'interpretation':
      return { ...base, kind: 'interpretation', brief: { policySlug: details(row, 'interpretation').policySlug } };
    case 'notice': {
      const d = details(row, 'notice');
      return { ...base, kind: 'notice', brief: { category: d.category, validUntil: d.validUntil } };
    }
    case 'guide': {
      const d = details(row, 'guide');
      return {
        ...base,
        kind: 'guide',
        brief: {
          theme: d.theme,
          themeName: GUIDE_THEME_NAMES[d.theme],
          promisedTimeLimit: d.timeLimit.promised,
          fees: d.fees,
          online: d.onlineChannels.some((c) => c.type !== 'phone'),
        },
      };
    }
  }
}

export function toDetail(row: ContentRow, extras: DetailExtras, now: Date): ContentDetail {
  const base = {
    ...common(row),
    body: row.body,
    policyBasis: row.policyBasis,
    sourceUrl: row.sourceUrl,
    sourceNote: row.sourceNote,
    version: row.version,
  };
  switch (extras.kind) {
    case 'subsidy': {
      const d = details(row, 'subsidy');
      return { ...base, kind: 'subsidy', details: d, questions: selfCheckQuestions(d.eligibility) };
    }
    case 'recruitment': {
      const d = details(row, 'recruitment');
      const status = recruitmentStatus(d, now);
      return { ...base, kind: 'recruitment', details: d, status, statusName: RECRUITMENT_STATUS_NAMES[status] };
    }
    case 'notice':
      return { ...base, kind: 'notice', details: details(row, 'notice') };
    case 'guide': {
      const d = details(row, 'guide');
      return { ...base, kind: 'guide', details: d, themeName: GUIDE_THEME_NAMES[d.theme] };
    }
    case 'wage_standard':
      return { ...base, kind: 'wage_standard', details: details(row, 'wage_standard'), effectiveTo: extras.effectiveTo, isCurrent: extras.isCurrent };
    case 'policy':
      return { ...base, kind: 'policy', details: details(row, 'policy'), interpretations: extras.interpretations };
    case 'interpretation':
      return { ...base, kind: 'interpretation', details: details(row, 'interpretation'), policy: extras.policy, dueOn: extras.dueOn, onTime: extras.onTime };
  }
}
