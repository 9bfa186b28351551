import { randomUUID } from 'node:crypto';
import type { TestSendResult } from '@zj/shared';
import type { EditorWechatLinks } from '../editors/wechat-link';
import { ConflictError } from '../errors';
import { maskOpenId } from '../logger';
import type { WechatClient } from '../wechat/client/api-client';
import { WECHAT_ERRCODES, WechatApiError } from '../wechat/client/api-errors';
import { sendOutcome } from '../wechat/client/send-outcome';
import type { PushService } from './service';

const KEYWORD_LINE_LIMIT = 20;

/** Why a test message did not arrive, in words an editor can act on. */
function explain(errcode: number | null, errmsg: string): string {
  if (errcode === WECHAT_ERRCODES.requireSubscribe) return '绑定的微信已取消关注公众号：请重新关注后再试';
  if (errcode === WECHAT_ERRCODES.outOfCustomerServiceWindow) return '订阅消息的预览以客服消息发送，只能在您 48 小时内给公众号发过消息后送达：请先给公众号发一条消息再试';
  return errcode === null ? `微信没有应答：${errmsg}` : `微信拒绝了该消息（错误码 ${errcode}）：${errmsg}`;
}

/**
 * "发送测试给我": the push's messages to the editor's own linked WeChat only. No delivery row is written, so
 * the push's statistics do not count it. The template message goes out as it will to followers (with a
 * fresh client_msg_id, so a second test arrives too). A subscribe message can only reach a mini-program
 * user holding a credit, so its keyword values come as a customer-service text instead.
 */
export function createTestSend(deps: { pushes: Pick<PushService, 'load'>; links: Pick<EditorWechatLinks, 'openidOf'>; clients: { oa: WechatClient; mp: WechatClient } }) {
  const { pushes, links, clients } = deps;
  return async (pushId: number, editorId: number): Promise<TestSendResult> => {
    const push = await pushes.load(pushId);
    const openid = await links.openidOf(editorId);
    if (!openid) throw new ConflictError('wechat_not_linked', '您还没有绑定微信：请在本页「我的微信」获取绑定码，用微信发送「绑定 绑定码」给公众号后再试');
    const results: TestSendResult['results'] = [];
    if (push.template) {
      const t = push.template;
      const outcome = await sendOutcome(() =>
        clients.oa.sendTemplate({ touser: openid, templateId: t.templateId, data: t.data, miniprogram: { appid: clients.mp.appId, pagepath: push.page }, clientMsgId: `test-${push.id}-${randomUUID()}` }),
      );
      results.push({ channel: 'oa', how: '模板消息', ok: outcome.ok, error: outcome.ok ? null : explain(outcome.errcode, outcome.errmsg) });
    }
    if (push.subscribe) {
      const s = push.subscribe;
      const lines = Object.entries(s.data)
        .slice(0, KEYWORD_LINE_LIMIT)
        .map(([key, value]) => `${key}：${value}`);
      const content = [`【测试】订阅消息预览（模板 ${s.templateId}）`, push.title, ...lines, `打开页面：${push.page}`].join('\n');
      try {
        await clients.oa.sendCustomText({ touser: openid, content });
        results.push({ channel: 'mp', how: '客服消息（订阅消息预览）', ok: true, error: null });
      } catch (err) {
        if (!(err instanceof WechatApiError)) throw err;
        results.push({ channel: 'mp', how: '客服消息（订阅消息预览）', ok: false, error: explain(err.errcode, err.errmsg) });
      }
    }
    return { openidMasked: maskOpenId(openid), results };
  };
}
