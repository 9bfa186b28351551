import { z } from 'zod';
import { ContentKind, ContentStatus } from './content';

/** Editors draft, reviewers review (五关) and publish, admins manage accounts and read the audit log. */
export const EDITOR_ROLES = ['editor', 'reviewer', 'admin'] as const;
export const EditorRole = z.enum(EDITOR_ROLES);
export type EditorRole = z.infer<typeof EditorRole>;

export const EDITOR_ROLE_NAMES: Record<EditorRole, string> = { editor: '编辑', reviewer: '审核员', admin: '管理员' };

/** The five-gate review (五关) of government content, in the order reviewers go through them. */
export const REVIEW_GATES = ['political', 'policy', 'secrecy', 'format', 'wording'] as const;
export const ReviewGate = z.enum(REVIEW_GATES);
export type ReviewGate = z.infer<typeof ReviewGate>;
export const REVIEW_GATE_NAMES: Record<ReviewGate, string> = {
  political: '政治关',
  policy: '政策关',
  secrecy: '保密关',
  format: '格式关',
  wording: '文字关',
};

export const GateVerdict = z
  .object({ gate: ReviewGate, pass: z.boolean(), comment: z.string().trim().max(500).default('') })
  .strict();
export type GateVerdict = z.infer<typeof GateVerdict>;

/** Login names: letters, digits, `.`, `_`, `-`; compared case-insensitively. */
export const EditorName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,40}$/, '应为 2–40 个字母、数字或 . _ -');

/** At least 12 characters: long passphrases beat composition rules (NIST SP 800-63B §5.1.1). */
export const NewPassword = z.string().min(12).max(200);

export const LoginBody = z.object({ name: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const EditorView = z.object({
  id: z.number().int(),
  name: z.string(),
  role: EditorRole,
  disabled: z.boolean(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
export type EditorView = z.infer<typeof EditorView>;

export const SessionView = z.object({
  editor: EditorView,
  /** Send as the X-CSRF-Token header with every request that changes something. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const CreateEditorBody = z.object({ name: EditorName, role: EditorRole, password: NewPassword }).strict();
export const UpdateEditorBody = z
  .object({ role: EditorRole.optional(), disabled: z.boolean().optional(), password: NewPassword.optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.password !== undefined, '至少修改一项');
export const ChangeOwnPasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword }).strict();

export const AuditQuery = z
  .object({
    editorId: z.coerce.number().int().positive().optional(),
    action: z.string().max(60).optional(),
    targetType: z.string().max(40).optional(),
    targetId: z.string().max(40).optional(),
    before: z.coerce.number().int().positive().optional().describe('id of the last entry of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  editorId: z.number().int().nullable(),
  actorName: z.string(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AdminContentQuery = z
  .object({ status: ContentStatus.optional(), kind: ContentKind.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();

/** Every status change names the version it was decided on: a change made since is a conflict, not approved unseen. */
export const StatusChangeBody = z.object({ expectedVersion: z.number().int().positive(), comment: z.string().trim().max(1000).optional() }).strict();
export const ApproveBody = StatusChangeBody.extend({ gates: z.array(GateVerdict).length(REVIEW_GATES.length) }).strict();
export const RejectBody = z
  .object({ expectedVersion: z.number().int().positive(), comment: z.string().trim().min(1).max(1000), gates: z.array(GateVerdict).max(REVIEW_GATES.length).optional() })
  .strict();
export const UpdateContentBody = z.object({ expectedVersion: z.number().int().positive(), item: z.unknown() }).strict();
