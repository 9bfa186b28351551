import type { ContentKind, ContentStatus, GateVerdict } from '@zj/shared';

/** A content item as GET /admin/api/content returns it (the database row, dates as ISO strings). */
export interface AdminItem {
  id: number;
  kind: ContentKind;
  slug: string;
  title: string;
  summary: string;
  body: string;
  topics: string[];
  districts: string[];
  audiences: string[];
  department: string;
  policyBasis: string | null;
  sourceUrl: string | null;
  sourceNote: string | null;
  isSample: boolean;
  status: ContentStatus;
  details: unknown;
  version: number;
  publishedAt: string | null;
  /** Scheduled: published at this time once approved / archived at this time once published. */
  publishAt: string | null;
  unpublishAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AdminVersion {
  id: number;
  version: number;
  status: ContentStatus;
  action: string;
  actor: string;
  note: string | null;
  gates: GateVerdict[] | null;
  createdAt: string;
}

export const STATUS_NAMES: Record<ContentStatus, { name: string; color: string }> = {
  draft: { name: '草稿', color: 'default' },
  in_review: { name: '待审核', color: 'processing' },
  approved: { name: '已通过', color: 'cyan' },
  published: { name: '已发布', color: 'success' },
  archived: { name: '已归档', color: 'warning' },
};

export const ACTION_NAMES: Record<string, string> = {
  create: '创建',
  update: '修改',
  'status:draft': '退回修改',
  'status:in_review': '提交审核',
  'status:approved': '审核通过',
  'status:published': '发布',
  'status:archived': '归档',
  restore: '恢复旧版本',
  schedule: '设置定时',
};

/** Beijing time, whatever the browser's zone. */
export const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
