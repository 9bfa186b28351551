import { randomInt } from 'node:crypto';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { WechatLinkView } from '@zj/shared';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { maskOpenId } from '../logger';
import { insertAudit } from './repository';
import { editors, editorWechatBindFailures, editorWechatLinks } from './tables';

/** How long a binding code works. */
export const BIND_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes one WeChat account may send per hour: a million codes cannot be tried from a few accounts. */
export const BIND_FAILURES_PER_HOUR = 5;

/** 「绑定 123456」 (also 绑定123456, 绑定：123456), as the editor types it into the chat. */
const BIND_MESSAGE = /^\s*绑定\s*[:：]?\s*(\d{6})\s*$/;

/** The code in a binding message, or null when the text is something else. */
export function bindCodeOf(text: string): string | null {
  return BIND_MESSAGE.exec(text.normalize('NFKC'))?.[1] ?? null;
}

export type EditorWechatLinks = ReturnType<typeof createEditorWechatLinks>;

/**
 * Links an editor's console account to their WeChat (a follower of the 服务号) so that "发送测试给我" reaches
 * only them. The console shows a one-time code; the editor sends it to the account from their own WeChat,
 * which proves that openid is theirs. Works the same against the sandbox and the real platform.
 */
export function createEditorWechatLinks(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  async function view(editorId: number): Promise<WechatLinkView> {
    const [row] = await db.select().from(editorWechatLinks).where(eq(editorWechatLinks.editorId, editorId));
    const now = clock.now().getTime();
    const codeLive = row?.code != null && row.codeExpiresAt !== null && row.codeExpiresAt.getTime() > now;
    return {
      linked: row?.openid != null,
      openidMasked: row?.openid ? maskOpenId(row.openid) : null,
      linkedAt: row?.linkedAt ? row.linkedAt.toISOString() : null,
      code: codeLive ? row!.code : null,
      codeExpiresAt: codeLive ? row!.codeExpiresAt!.toISOString() : null,
    };
  }

  return {
    view,

    /** The openid test messages go to, or null when the editor has not linked their WeChat. */
    async openidOf(editorId: number): Promise<string | null> {
      const [row] = await db.select({ openid: editorWechatLinks.openid }).from(editorWechatLinks).where(eq(editorWechatLinks.editorId, editorId));
      return row?.openid ?? null;
    },

    /** A fresh 6-digit code for `editorId` (replacing any earlier one), unique among the codes in force. */
    async issueCode(editorId: number): Promise<WechatLinkView> {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + BIND_CODE_TTL_MS);
      // Expired codes give their number back, so the unique index only holds live ones.
      await db.update(editorWechatLinks).set({ code: null, codeExpiresAt: null }).where(lt(editorWechatLinks.codeExpiresAt, now));
      for (let attempt = 0; ; attempt++) {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        try {
          await db
            .insert(editorWechatLinks)
            .values({ editorId, code, codeExpiresAt: expiresAt })
            .onConflictDoUpdate({ target: editorWechatLinks.editorId, set: { code, codeExpiresAt: expiresAt } });
          return view(editorId);
        } catch (err) {
          // Another editor holds this number right now (a unique violation): draw again, a few times.
          if (attempt >= 4) throw err;
        }
      }
    },

    async unlink(editorId: number): Promise<WechatLinkView> {
      await db.update(editorWechatLinks).set({ openid: null, linkedAt: null, code: null, codeExpiresAt: null }).where(eq(editorWechatLinks.editorId, editorId));
      return view(editorId);
    },

    /**
     * A follower sent 「绑定 <code>」: links their openid to the editor holding the code. Returns the reply
     * the follower sees. Wrong codes are counted per openid and refused beyond the hourly limit.
     */
    async bind(code: string, openid: string): Promise<string> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [failures] = await tx
          .select({ n: count() })
          .from(editorWechatBindFailures)
          .where(and(eq(editorWechatBindFailures.openid, openid), gt(editorWechatBindFailures.at, new Date(now.getTime() - 3_600_000))));
        if ((failures?.n ?? 0) >= BIND_FAILURES_PER_HOUR) return '绑定码错误次数过多，请 1 小时后再试。';
        const [row] = await tx
          .select({ editorId: editorWechatLinks.editorId, name: editors.name, disabled: editors.disabled })
          .from(editorWechatLinks)
          .innerJoin(editors, eq(editors.id, editorWechatLinks.editorId))
          .where(and(eq(editorWechatLinks.code, code), gt(editorWechatLinks.codeExpiresAt, now)))
          .for('update');
        if (!row || row.disabled) {
          await tx.insert(editorWechatBindFailures).values({ openid, at: now });
          return '绑定码无效或已过期，请在管理平台「推送管理」页面重新获取绑定码。';
        }
        await tx.update(editorWechatLinks).set({ openid, linkedAt: now, code: null, codeExpiresAt: null }).where(eq(editorWechatLinks.editorId, row.editorId));
        await insertAudit(tx, {
          at: now,
          editorId: row.editorId,
          actorName: row.name,
          ip: null,
          action: 'editor.wechat_link',
          targetType: 'editor',
          targetId: String(row.editorId),
          before: null,
          after: { openid: maskOpenId(openid) },
        });
        return `已将本微信绑定到管理平台账号「${row.name}」。在推送详情页点击「发送测试给我」，测试消息只发到这个微信。`;
      });
    },
  };
}
