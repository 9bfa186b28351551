import { DryRun, PushDetail, PushList, PushPreview, PushProgress, PushTimeline, TestSendResult, WechatLinkView } from '@zj/shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { BIND_FAILURES_PER_HOUR } from '../src/editors/wechat-link';
import { anEditor, logIn, type AdminClient } from './support/admin';
import { aNotice, publish } from './support/builders';
import { aSubscriber } from './support/subscribers';
import { startTestSystem, type TestSystem } from './support/test-system';
import { json } from './support/http';
import { aSubmittedPush } from './support/pushes';

/**
 * The console's additions to the push API: preview and dry run of an unsaved form, progress and the
 * statistics over time, the editor's WeChat link (「绑定 <code>」 sent through the sandbox) and "发送测试给我".
 */

const TPL = 'TPL_push_admin';
const SUB_TPL = 'SUBTPL_push_admin';
const TOPIC = 'employment_subsidy';
const channels = {
  template: { templateId: TPL, keywords: { thing1: { field: 'title' }, time2: { text: '2026年12月1日 09:00' } } },
  subscribe: { templateId: SUB_TPL, keywords: { thing1: { field: 'title' }, thing2: { text: '请按时办理' } } },
};

const countRows = async (t: TestSystem, table: 'pushes' | 'push_deliveries' | 'audit_log') =>
  Number((await queryRows<{ n: string | number }>(t.connection.db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

describe('the console push API', () => {
  let t: TestSystem;
  let author: AdminClient;
  let reviewer: AdminClient;
  let contentId: number;
  let longTitleId: number;

  beforeAll(async () => {
    t = await startTestSystem();
    await anEditor(t, 'pa-author', 'editor');
    await anEditor(t, 'pa-reviewer', 'reviewer');
    contentId = (await publish(t.system.content, aNotice({ title: '就业补贴申领提醒', topics: [TOPIC] }))).id;
    longTitleId = (await publish(t.system.content, aNotice({ title: '关于做好二〇二六年度全市就业创业补贴集中申领工作的通知', topics: [TOPIC] }))).id;
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(async () => {
    author = await logIn(t, 'pa-author');
    reviewer = await logIn(t, 'pa-reviewer');
  });

  it('when an unsaved form is previewed and dry-run, then each value shows as WeChat will, the over-long one is flagged, the recipients are counted and nothing is stored', async () => {
    await aSubscriber(t, { channel: 'oa', topics: [TOPIC] });
    await aSubscriber(t, { channel: 'oa', topics: [TOPIC], following: false });
    await aSubscriber(t, { channel: 'mp', topics: [TOPIC], subscribeTemplate: SUB_TPL, credits: 1 });
    await aSubscriber(t, { channel: 'mp', topics: [TOPIC] });
    const pushesBefore = await countRows(t, 'pushes');

    const preview = PushPreview.parse(await json(await author.call('POST', '/pushes/preview', { contentId: longTitleId, districts: [], audiences: [], ...channels })));
    const title = preview.template!.find((k) => k.key === 'thing1')!;
    expect(title).toMatchObject({ value: '关于做好二〇二六年度全市就业创业补贴集中申领工作的通知', length: 27, tooLong: true });
    expect(title.problem).not.toBeNull();
    expect(preview.template!.find((k) => k.key === 'time2')).toMatchObject({ value: '2026年12月1日 09:00', problem: null, tooLong: false });
    expect(preview.subscribe!.map((k) => k.key)).toEqual(['thing1', 'thing2']);

    const dry = DryRun.parse(await json(await author.call('POST', '/pushes/dry-run', { contentId, districts: [], audiences: [], ...channels })));
    expect(dry.oa).toMatchObject({ eligible: 1, excluded: { unfollowed: 1 } });
    expect(dry.mp).toMatchObject({ eligible: 1, excluded: { no_credit: 1 } });

    const refused = await author.call('POST', '/pushes/preview', { contentId });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_request', message: '至少选择一个推送渠道（模板消息或订阅消息）' });
    expect(await countRows(t, 'pushes')).toBe(pushesBefore);
    await t.connection.db.execute(sql`delete from subscribers`);
  });

  it('when a push has been sent, then its progress reaches every recipient and its deliveries over time add up to the statistics', async () => {
    const followers = [];
    for (let i = 0; i < 3; i++) followers.push(await aSubscriber(t, { channel: 'oa', topics: [TOPIC] }));
    await aSubscriber(t, { channel: 'mp', topics: [TOPIC], subscribeTemplate: SUB_TPL, credits: 1 });
    await aSubscriber(t, { channel: 'mp', topics: [TOPIC] });
    await t.system.sandbox!.block(followers[0]!.openid);
    const id = await aSubmittedPush(author, { contentId, topics: [TOPIC], districts: [], audiences: [], ...channels });

    const before = PushProgress.parse(await json(await author.call('GET', `/pushes/${id}/progress`)));
    expect(before).toMatchObject({ status: 'submitted', targeted: 0, done: 0, etaSeconds: null });

    await json(await reviewer.call('POST', `/pushes/${id}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();
    await t.system.sandbox!.settled();

    const progress = PushProgress.parse(await json(await author.call('GET', `/pushes/${id}/progress`)));
    expect(progress).toEqual({ status: 'completed', targeted: 5, done: 5, pending: 0, ratePerMinute: 4, etaSeconds: 0, audienceExpanded: true, waitingFor: null, notBefore: null });

    const { stats } = PushDetail.parse(await json(await author.call('GET', `/pushes/${id}`)));
    expect(stats).toMatchObject({ targeted: 5, sent: 4, delivered: 3, skipped: { no_credit: 1 } });
    const timeline = PushTimeline.parse(await json(await author.call('GET', `/pushes/${id}/timeline?bucket=minute`)));
    expect(timeline.bucket).toBe('minute');
    expect(timeline.points).toHaveLength(1);
    const [point] = timeline.points;
    expect(point).toMatchObject({ sent: 4, delivered: 3, skipped: 1, unknown: 0 });
    expect(Object.values(point!.failed).reduce((a, b) => a + b, 0)).toBe(1);
    expect(new Date(point!.at).getUTCSeconds()).toBe(0);
    const hourly = PushTimeline.parse(await json(await author.call('GET', `/pushes/${id}/timeline?bucket=hour`)));
    expect(hourly.points.map((p) => p.sent)).toEqual([4]);

    const bad = await author.call('GET', `/pushes/${id}/timeline?bucket=week`);
    expect(bad.status).toBe(400);
    expect((await author.call('GET', '/pushes/999999/progress')).status).toBe(404);
    await t.connection.db.execute(sql`delete from subscribers`);
  });

  it('when an editor sends the binding code from their WeChat, then the link is made once, wrong codes are limited, and a test push reaches only that WeChat without counting in the statistics', async () => {
    const sandbox = t.system.sandbox!;
    const { id } = await json<{ id: number }>(await author.call('POST', '/pushes', { contentId, topics: [TOPIC], districts: [], audiences: [], ...channels }));

    const unlinked = await author.call('POST', `/pushes/${id}/test-send`, {});
    expect(unlinked.status).toBe(409);
    expect(((await unlinked.json()) as { error: { code: string } }).error.code).toBe('wechat_not_linked');

    const issued = WechatLinkView.parse(await json(await author.call('POST', '/me/wechat/code', {})));
    expect(issued).toMatchObject({ linked: false, code: expect.stringMatching(/^\d{6}$/) });
    expect(Date.parse(issued.codeExpiresAt!) - t.clock.now().getTime()).toBe(10 * 60_000);
    expect(WechatLinkView.parse(await json(await author.call('GET', '/me/wechat'))).code).toBe(issued.code);

    const me = await sandbox.chat.addResident();
    await sandbox.chat.send(me.openid, { kind: 'subscribe' });
    const reply = await sandbox.chat.send(me.openid, { kind: 'text', content: `绑定 ${issued.code}` });
    expect(reply.reply?.content).toContain('已将本微信绑定到管理平台账号「pa-author」');
    const linked = WechatLinkView.parse(await json(await author.call('GET', '/me/wechat')));
    expect(linked).toMatchObject({ linked: true, code: null });
    expect(linked.openidMasked).toBe(`${me.openid.slice(0, 4)}***${me.openid.slice(-4)}`);
    const [audit] = await queryRows<{ action: string; actor_name: string }>(t.connection.db, sql`select action, actor_name from audit_log where action = 'editor.wechat_link'`);
    expect(audit).toEqual({ action: 'editor.wechat_link', actor_name: 'pa-author' });

    // The code worked once: sent again (or by someone else) it binds nothing.
    const stranger = await sandbox.chat.addResident();
    await sandbox.chat.send(stranger.openid, { kind: 'subscribe' });
    expect((await sandbox.chat.send(stranger.openid, { kind: 'text', content: `绑定 ${issued.code}` })).reply?.content).toContain('绑定码无效或已过期');
    for (let i = 1; i < BIND_FAILURES_PER_HOUR; i++) await sandbox.chat.send(stranger.openid, { kind: 'text', content: `绑定 ${String(i).padStart(6, '0')}` });
    // Even a right code is refused once a sender has used up their tries.
    const other = WechatLinkView.parse(await json(await reviewer.call('POST', '/me/wechat/code', {})));
    expect((await sandbox.chat.send(stranger.openid, { kind: 'text', content: `绑定 ${other.code}` })).reply?.content).toContain('错误次数过多');
    expect(WechatLinkView.parse(await json(await reviewer.call('GET', '/me/wechat'))).linked).toBe(false);

    const deliveriesBefore = await countRows(t, 'push_deliveries');
    const sent = TestSendResult.parse(await json(await author.call('POST', `/pushes/${id}/test-send`, {})));
    expect(sent.results).toEqual([
      { channel: 'oa', how: '模板消息', ok: true, error: null },
      { channel: 'mp', how: '客服消息（订阅消息预览）', ok: true, error: null },
    ]);
    const received = await sandbox.messagesTo(me.openid);
    const template = received.find((m) => m.kind === 'template')!;
    expect(template).toMatchObject({ templateId: TPL, data: { thing1: '就业补贴申领提醒', time2: '2026年12月1日 09:00' }, miniprogram: { pagepath: expect.stringContaining(String(contentId)) } });
    expect(received.find((m) => m.kind === 'custom')?.content).toContain('thing2：请按时办理');
    expect((await sandbox.messagesTo(stranger.openid)).filter((m) => m.kind !== 'custom')).toHaveLength(0);
    expect(await countRows(t, 'push_deliveries')).toBe(deliveriesBefore);
    expect(PushDetail.parse(await json(await author.call('GET', `/pushes/${id}`))).stats.targeted).toBe(0);

    // A second test arrives too: each carries its own client_msg_id.
    await json(await author.call('POST', `/pushes/${id}/test-send`, {}));
    expect((await sandbox.messagesTo(me.openid)).filter((m) => m.kind === 'template')).toHaveLength(2);

    // Unlinked: the next test is refused again.
    expect(WechatLinkView.parse(await json(await author.call('DELETE', '/me/wechat'))).linked).toBe(false);
    expect((await author.call('POST', `/pushes/${id}/test-send`, {})).status).toBe(409);
  });

  it('when the system has drafted a push by itself, then the list and the push carry its origin and the status filter finds it', async () => {
    const auto = await t.system.pushes.service.createAutomatic(
      { contentId, topics: [TOPIC], districts: [], audiences: [], ...channels },
      { origin: 'new_publication', title: '新发布：就业补贴申领提醒' },
      { editorId: null, name: 'system:auto' },
      async () => undefined,
    );
    const drafts = PushList.parse(await json(await author.call('GET', '/pushes?status=draft')));
    expect(drafts.items.find((p) => p.id === auto!.id)).toMatchObject({ origin: 'new_publication', createdBy: null, status: 'draft' });
    expect(drafts.items.every((p) => p.status === 'draft')).toBe(true);
    expect(PushList.parse(await json(await author.call('GET', '/pushes?status=completed'))).items.some((p) => p.id === auto!.id)).toBe(false);
    expect(PushDetail.parse(await json(await author.call('GET', `/pushes/${auto!.id}`))).push.origin).toBe('new_publication');
    expect((await author.call('GET', '/pushes?status=nonsense')).status).toBe(400);
  });

  it('when a binding code has expired, then it links nothing', async () => {
    const issued = WechatLinkView.parse(await json(await reviewer.call('POST', '/me/wechat/code', {})));
    t.clock.advance(10 * 60_000 + 1);
    const sender = await t.system.sandbox!.chat.addResident();
    await t.system.sandbox!.chat.send(sender.openid, { kind: 'subscribe' });
    expect((await t.system.sandbox!.chat.send(sender.openid, { kind: 'text', content: `绑定：${issued.code}` })).reply?.content).toContain('绑定码无效或已过期');
    expect(WechatLinkView.parse(await json(await (await logIn(t, 'pa-reviewer')).call('GET', '/me/wechat')))).toMatchObject({ linked: false, code: null });
  });
});
