import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { EditorName, EditorRole, NewPassword, type AuditEntry, type AuditQuery, type EditorView } from '@zj/shared';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors';
import { maskOpenId } from '../logger';
import { hashPassword, verifyPassword } from './passwords';
import * as repo from './repository';

/** Who does something: an editor from a session, or an operator command (`editorId: null`, name `system:…`). */
export interface Actor {
  editorId: number | null;
  name: string;
  ip: string | null;
}

export interface EditorSession {
  editor: repo.EditorRow;
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, used or not. */
  absoluteMs: number;
}

export interface LoginPolicy {
  /** Failures of one name within `windowMs` (since its last success) that lock it. */
  maxAccountFailures: number;
  /** Failures from one IP within `windowMs`, over all names, that lock that IP out. */
  maxIpFailures: number;
  windowMs: number;
  /** How long a lock lasts after the failure that caused it. */
  lockoutMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxAccountFailures: 5, maxIpFailures: 20, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };

/** Refreshing last_seen_at on every request would make each console call a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export interface EditorServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  sessions?: SessionPolicy;
  logins?: LoginPolicy;
}

export class LoginLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'login_locked', `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, { retryAfterSeconds });
  }
}

export function toEditorView(row: repo.EditorRow): EditorView {
  return {
    id: row.id,
    name: row.name,
    role: EditorRole.parse(row.role),
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    passwordChangedAt: row.passwordChangedAt.toISOString(),
  };
}

export function toAuditEntry(row: repo.AuditRow): AuditEntry {
  return { ...row, at: row.at.toISOString(), before: row.before ?? null, after: row.after ?? null };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Derived from the cookie's secret, so it needs no storage and differs for every session. */
const csrfTokenOf = (token: string) => createHash('sha256').update(`csrf\0${token}`).digest('base64url');

function parseOrRefuse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } } }, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(what, r.error.issues);
  return r.data;
}

export type EditorService = ReturnType<typeof createEditorService>;

export function createEditorService(deps: EditorServiceDeps) {
  const { db, clock, logger } = deps;
  const sessions = deps.sessions ?? DEFAULT_SESSION_POLICY;
  const logins = deps.logins ?? DEFAULT_LOGIN_POLICY;

  async function audit(
    tx: Parameters<typeof repo.insertAudit>[0],
    actor: Actor,
    entry: { action: string; targetType: string; targetId?: string | number | null; before?: unknown; after?: unknown },
  ): Promise<void> {
    await repo.insertAudit(tx, {
      at: clock.now(),
      editorId: actor.editorId,
      actorName: actor.name,
      ip: actor.ip,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  /** Seconds until `name` or `ip` may try again, or 0. */
  async function lockedFor(name: string, ip: string | null): Promise<number> {
    const now = clock.now().getTime();
    const since = new Date(now - logins.windowMs);
    const waits: number[] = [];
    const byName = await repo.recentFailures(db, { name }, since);
    if (byName.length >= logins.maxAccountFailures) waits.push(byName.at(-1)!.getTime() + logins.lockoutMs - now);
    if (ip !== null) {
      const byIp = await repo.recentFailures(db, { ip }, since);
      if (byIp.length >= logins.maxIpFailures) waits.push(byIp.at(-1)!.getTime() + logins.lockoutMs - now);
    }
    const wait = Math.max(0, ...waits);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  async function startSession(editor: repo.EditorRow, ip: string | null): Promise<{ token: string; session: EditorSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + sessions.absoluteMs);
    const idHash = sha256(token);
    await repo.insertSession(db, { idHash, editorId: editor.id, createdAt: now, lastSeenAt: now, expiresAt, ip });
    return { token, session: { editor, idHash, csrfToken: csrfTokenOf(token), expiresAt } };
  }

  return {
    audit: (actor: Actor, entry: Parameters<typeof audit>[2]) => audit(db, actor, entry),

    async searchAudit(query: AuditQuery): Promise<AuditEntry[]> {
      return (await repo.searchAudit(db, query)).map(toAuditEntry);
    },

    async listEditors(): Promise<EditorView[]> {
      return (await repo.listEditors(db)).map(toEditorView);
    },

    async createEditor(input: { name: string; role: string; password: string }, actor: Actor): Promise<EditorView> {
      const name = parseOrRefuse(EditorName, input.name, '账号名应为 2–40 个字母、数字或 . _ -');
      const role = parseOrRefuse(EditorRole, input.role, '角色应为 editor、reviewer 或 admin');
      const password = parseOrRefuse(NewPassword, input.password, '密码至少 12 位');
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.insertEditor(tx, { name, role, passwordHash, createdAt: now, passwordChangedAt: now });
        if (!row) throw new ConflictError('editor_name_taken', `账号名 ${name} 已被使用`);
        await audit(tx, actor, { action: 'editor.create', targetType: 'editor', targetId: row.id, after: toEditorView(row) });
        return toEditorView(row);
      });
    },

    /** Role, disabling and password reset by an admin; disabling or a new password ends the editor's sessions. */
    async updateEditor(id: number, change: { role?: EditorRole; disabled?: boolean; password?: string }, actor: Actor): Promise<EditorView> {
      const before = await repo.findEditor(db, id);
      if (!before) throw new NotFoundError('该账号');
      if (actor.editorId === id && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
        throw new ConflictError('own_account', '不能停用自己的账号或取消自己的管理员角色，请由其他管理员操作');
      }
      const now = clock.now();
      const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
      return db.transaction(async (tx) => {
        const row = await repo.updateEditor(tx, id, {
          role: change.role,
          disabled: change.disabled,
          ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
        });
        if (!row) throw new NotFoundError('该账号');
        if (passwordHash || change.disabled === true) await repo.deleteSessionsOf(tx, id);
        const action = passwordHash ? 'editor.reset_password' : 'editor.update';
        await audit(tx, actor, { action, targetType: 'editor', targetId: id, before: toEditorView(before), after: toEditorView(row) });
        return toEditorView(row);
      });
    },

    /** The editor's own change: needs the current password, and ends every session of theirs, this one included. */
    async changeOwnPassword(session: EditorSession, currentPassword: string, newPassword: string, ip: string | null): Promise<void> {
      const editor = await repo.findEditor(db, session.editor.id);
      if (!editor || !(await verifyPassword(editor.passwordHash, currentPassword))) {
        throw new AppError(400, 'wrong_password', '当前密码不正确');
      }
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.updateEditor(tx, editor.id, { passwordHash, passwordChangedAt: now });
        await repo.deleteSessionsOf(tx, editor.id);
        await audit(tx, { editorId: editor.id, name: editor.name, ip }, { action: 'editor.change_password', targetType: 'editor', targetId: editor.id });
      });
    },

    /**
     * Checks a login. A locked name or IP is refused before the password is looked at, and a refused
     * attempt is not counted (else anyone could keep an editor locked out for ever).
     */
    async login(nameInput: string, password: string, ip: string | null): Promise<{ token: string; session: EditorSession }> {
      const name = nameInput.trim().toLowerCase();
      const wait = await lockedFor(name, ip);
      if (wait > 0) {
        logger.warn({ name: maskOpenId(name), ip }, 'login refused: locked out');
        throw new LoginLockedError(wait);
      }
      const editor = await repo.findEditorByName(db, name);
      const ok = await verifyPassword(editor?.passwordHash ?? null, password);
      const at = clock.now();
      if (!ok || !editor || editor.disabled) {
        await repo.recordLoginAttempt(db, { name, ip, succeeded: false, at });
        logger.info({ name: maskOpenId(name), ip }, 'login failed');
        throw new AppError(401, 'invalid_credentials', editor?.disabled && ok ? '该账号已停用，请联系管理员' : '账号或密码不正确');
      }
      await repo.recordLoginAttempt(db, { name, ip, succeeded: true, at });
      const started = await startSession(editor, ip);
      await audit(db, { editorId: editor.id, name: editor.name, ip }, { action: 'session.login', targetType: 'editor', targetId: editor.id });
      return started;
    },

    /** The session a cookie's token opens, or null when it is unknown, expired (idle or absolute) or its editor is disabled. */
    async authenticate(token: string): Promise<EditorSession | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const idHash = sha256(token);
      const found = await repo.findSession(db, idHash);
      if (!found) return null;
      const now = clock.now().getTime();
      const { session, editor } = found;
      const expired = now >= session.expiresAt.getTime() || now - session.lastSeenAt.getTime() >= sessions.idleMs;
      if (expired || editor.disabled) {
        await repo.deleteSession(db, idHash);
        return null;
      }
      if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await repo.touchSession(db, idHash, new Date(now));
      return { editor, idHash, csrfToken: csrfTokenOf(token), expiresAt: session.expiresAt };
    },

    async logout(session: EditorSession, ip: string | null): Promise<void> {
      await repo.deleteSession(db, session.idHash);
      await audit(db, { editorId: session.editor.id, name: session.editor.name, ip }, { action: 'session.logout', targetType: 'editor', targetId: session.editor.id });
    },

    /** Constant-time comparison of the X-CSRF-Token header with the session's token. */
    csrfMatches(session: EditorSession, header: string): boolean {
      const a = Buffer.from(session.csrfToken);
      const b = Buffer.from(header);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    /** Housekeeping for the scheduler: ended sessions and login attempts older than any window. */
    async prune(): Promise<void> {
      const now = clock.now();
      await repo.deleteExpiredSessions(db, now, new Date(now.getTime() - sessions.idleMs));
      await repo.deleteLoginAttemptsBefore(db, new Date(now.getTime() - Math.max(logins.windowMs, logins.lockoutMs) * 4));
    },
  };
}
