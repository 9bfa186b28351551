import { z } from 'zod';
import { IsoDateTime } from './content';

/**
 * Schemas of the console's openness dashboard, version history, scheduling and dictionary/keyword/menu
 * editors (/admin/api), shared by the server's routes and the console's pages.
 */

/** The key areas of disclosure (重点领域) of the bureau's openness plan, and the topics each covers. */
export const KEY_AREAS = [
  { code: 'employment', name: '就业创业', topics: ['employment_subsidy'] },
  { code: 'social_security', name: '社会保障', topics: ['social_insurance'] },
  { code: 'personnel', name: '人事人才', topics: ['institution_recruitment', 'qualification_exam', 'title_review', 'talent_project'] },
  { code: 'labour', name: '劳动保障', topics: ['wage_standard', 'labour_rights'] },
  { code: 'budget', name: '财政预决算', topics: ['budget'] },
] as const;
export type KeyArea = (typeof KEY_AREAS)[number]['code'] | 'other';
export const OTHER_AREA_NAME = '其他';

export const OpennessQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('calendar year (Beijing time); default: this year') })
  .strict();
export type OpennessQuery = z.infer<typeof OpennessQuery>;

/** An interpretation's standing under the 3-working-day rule. */
export const INTERPRETATION_STATES = ['on_time', 'late', 'due', 'overdue', 'missing'] as const;
export type InterpretationState = (typeof INTERPRETATION_STATES)[number];
export const INTERPRETATION_STATE_NAMES: Record<InterpretationState, string> = {
  on_time: '按时发布',
  late: '逾期发布',
  due: '待发布（未到期）',
  overdue: '已逾期未发布',
  missing: '无解读（已逾期）',
};

export interface InterpretationRow {
  policyId: number;
  policyTitle: string;
  docNumber: string | null;
  policyPublishedAt: string;
  dueOn: string | null;
  interpretationId: number | null;
  interpretationTitle: string | null;
  interpretationStatus: string | null;
  interpretationPublishedAt: string | null;
  state: InterpretationState;
}

export interface AreaMonthRow {
  month: string;
  /** Items published that month per key area (an item touching two areas counts in both). */
  counts: Record<KeyArea, number>;
  total: number;
}

export interface CoverageRow {
  topic: string;
  topicName: string;
  /** District code → subscribers; '' = no district in their profile. */
  byDistrict: Record<string, number>;
  total: number;
}

export interface PushReachRow {
  id: number;
  title: string;
  status: string;
  month: string;
  startedAt: string | null;
  targeted: number;
  delivered: number;
  reachRate: number;
}

export interface MonthReachRow {
  month: string;
  pushes: number;
  targeted: number;
  delivered: number;
  reachRate: number;
}

export interface UpcomingPushRow {
  id: number;
  title: string;
  status: string;
  sendAt: string;
  topics: string[];
  districts: string[];
}

export interface OpennessReport {
  year: number;
  asOf: string;
  interpretations: { rows: InterpretationRow[]; counts: Record<InterpretationState, number> };
  publishedByArea: AreaMonthRow[];
  coverage: { rows: CoverageRow[]; districts: Array<{ code: string; name: string }>; subscribers: number };
  reach: { pushes: PushReachRow[]; months: MonthReachRow[] };
  upcoming: UpcomingPushRow[];
}

export const OPENNESS_SECTIONS = ['interpretations', 'published', 'coverage', 'reach', 'upcoming'] as const;
export type OpennessSection = (typeof OPENNESS_SECTIONS)[number];

export const VersionParams = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() }).strict();
export const DiffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }).strict();
export const RestoreBody = z.object({ expectedVersion: z.number().int().positive() }).strict();

/** Publish and unpublish times; null clears one. */
export const ScheduleBody = z
  .object({ expectedVersion: z.number().int().positive(), publishAt: IsoDateTime.nullable(), unpublishAt: IsoDateTime.nullable() })
  .strict();

export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}
export interface VersionDiffView {
  from: number;
  to: number;
  fields: Array<{ field: string; before: string; after: string }>;
  body: DiffLine[];
}

const DictWord = z.string().trim().min(1, '词语不能为空').max(20, '词语最多 20 个字');
export const SynonymBody = z.object({ term: DictWord, expansions: z.array(DictWord).min(1, '至少填写一个同义词').max(20) }).strict();
export const StopWordBody = z.object({ word: DictWord }).strict();
export const TermParams = z.object({ term: z.string().min(1).max(40) }).strict();

export const MenuSaveBody = z.object({ menu: z.unknown(), note: z.string().trim().max(200).optional() }).strict();
export const MenuVersionParams = z.object({ id: z.coerce.number().int().positive() }).strict();
