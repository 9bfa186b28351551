import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import {
  contentOf,
  eventPush,
  locationMessage,
  newOpenId,
  OUR_GH_ID,
  sandboxPusher,
  TEST_AES_KEY,
  textMessage,
  type PushBody,
  type Pusher,
} from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
let wechat: Pusher;
beforeAll(async () => {
  // 兼容模式 allowed: the tests send plaintext and encrypted pushes alike.
  t = await startTestSystem({ wechat: { officialAccount: { aesKey: TEST_AES_KEY } }, messaging: { settings: { compatibleMode: true } } });
  wechat = sandboxPusher(t, TEST_AES_KEY);
});
afterAll(() => t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.connection.db, query);

async function subscriber(openid: string) {
  const [row] = await rows<{ channel: string; following: boolean; scene: string | null; unfollowed: boolean }>(
    sql`select channel, following, scene, unfollowed_at is not null unfollowed from subscribers where openid = ${openid}`,
  );
  return row;
}

async function scans(openid: string) {
  return rows<{ scene: string; kind: string }>(sql`select scene, kind from qr_scans where openid = ${openid} order by id`);
}

describe('follow, scan and unfollow', () => {
  it('when a resident follows, then they get a welcome and become a following oa subscriber without a scene', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(eventPush(openid, 'subscribe', { EventKey: '' }));
    expect(contentOf(reply)).toContain('感谢关注“镇江智慧人社”');
    expect(await subscriber(openid)).toMatchObject({ channel: 'oa', following: true, scene: null });
    expect(await scans(openid)).toEqual([]);
  });

  it('when a resident follows through a 带参二维码, then the scene is recorded on the subscriber and in qr_scans', async () => {
    const openid = newOpenId();
    await wechat.push(eventPush(openid, 'subscribe', { EventKey: 'qrscene_abc', Ticket: 'TICKET' }), { mode: 'safe' });
    expect(await subscriber(openid)).toMatchObject({ following: true, scene: 'abc' });
    expect(await scans(openid)).toEqual([{ scene: 'abc', kind: 'subscribe' }]);
  });

  it('when a follower scans a code, then the scan is recorded and the first scene is kept', async () => {
    const openid = newOpenId();
    await wechat.push(eventPush(openid, 'subscribe', { EventKey: 'qrscene_first' }));
    const reply = await wechat.push(eventPush(openid, 'SCAN', { EventKey: 'second', Ticket: 'TICKET' }));
    expect(reply.body).toBe('success');
    expect(await scans(openid)).toEqual([
      { scene: 'first', kind: 'subscribe' },
      { scene: 'second', kind: 'scan' },
    ]);
    expect((await subscriber(openid))!.scene).toBe('first');
  });

  it('when a resident unfollows, then following is false at once; following again turns it back on', async () => {
    const openid = newOpenId();
    await wechat.push(eventPush(openid, 'subscribe'));
    const reply = await wechat.push(eventPush(openid, 'unsubscribe'));
    expect(reply.body).toBe('success');
    expect(await subscriber(openid)).toMatchObject({ following: false, unfollowed: true });
    await wechat.push(eventPush(openid, 'subscribe', { CreateTime: String(Math.floor(Date.now() / 1000) + 10) }));
    expect(await subscriber(openid)).toMatchObject({ following: true, unfollowed: false });
  });

  it('when a menu link is opened (VIEW, view_miniprogram), then it is recorded and answered with success', async () => {
    const openid = newOpenId();
    const view = await wechat.push(eventPush(openid, 'VIEW', { EventKey: `https://hrss.zhenjiang.gov.cn/${'x'.repeat(200)}`, MenuId: '1' }));
    const mini = await wechat.push(eventPush(openid, 'view_miniprogram', { EventKey: 'pages/subsidies/index', MenuId: '1' }));
    expect([view.body, mini.body]).toEqual(['success', 'success']);
    const inbound = await rows<{ event: string; summary: string; delivery: string }>(
      sql`select event, summary, delivery from wechat_inbound where openid = ${openid} order by event`,
    );
    expect(inbound.map((r) => [r.event, r.delivery])).toEqual([
      ['VIEW', 'none'],
      ['view_miniprogram', 'none'],
    ]);
    expect(inbound[1]!.summary).toBe('pages/subsidies/index');
  });
});

describe('location', () => {
  it('when a resident sends a location in 丹阳, then the nearest hall comes back with address, hours, phone and distance', async () => {
    const reply = await wechat.push(locationMessage(newOpenId(), 32.0, 119.6));
    const text = contentOf(reply);
    expect(text.split('\n').slice(0, 3)).toEqual(['离您最近的人社服务大厅：', '', '丹阳市人社服务大厅']);
    expect(text).toMatch(/地址：丹阳市/);
    expect(text).toContain('办公时间：工作日');
    expect(text).toContain('电话：12333');
    expect(text).toMatch(/距离：约1\.[0-9]公里/);
    expect(text).toContain('示例数据');
  });

  it('when WeChat reports the location automatically, then the nearest hall is sent once, not on every report', async () => {
    const openid = newOpenId();
    const base = Math.floor(Date.now() / 1000);
    const report = (offset: number) => eventPush(openid, 'LOCATION', { CreateTime: String(base + offset), Latitude: '31.95', Longitude: '119.17', Precision: '50.0' });
    expect(contentOf(await wechat.push(report(0)))).toContain('句容市人社服务大厅');
    expect((await wechat.push(report(5))).body).toBe('success');
  });

  it('when a location message has no coordinates, then success and a warning, not a crash', async () => {
    const reply = await wechat.push({ ...locationMessage(newOpenId(), 0, 0), Location_X: '', Location_Y: 'abc' });
    expect(reply.body).toBe('success');
  });
});

describe('reports about our own sends', () => {
  async function reports(openid: string) {
    return rows<{ kind: string; msg_id: string; template_id: string | null; status: string; ok: boolean }>(
      sql`select kind, msg_id, template_id, status, ok from send_reports where openid = ${openid} order by id`,
    );
  }

  it('when TEMPLATESENDJOBFINISH arrives, then the raw status is stored with the exact 64-bit MsgID', async () => {
    const openid = newOpenId();
    for (const [msgId, status] of [
      ['3487542469355618313', 'failed: system failed'],
      ['200163836', 'success'],
      ['200163837', 'failed:user block'],
    ] as const) {
      const reply = await wechat.push(eventPush(openid, 'TEMPLATESENDJOBFINISH', { MsgID: msgId, Status: status }));
      expect(reply.body).toBe('success');
    }
    expect(await reports(openid)).toEqual([
      { kind: 'template', msg_id: '3487542469355618313', template_id: null, status: 'failed: system failed', ok: false },
      { kind: 'template', msg_id: '200163836', template_id: null, status: 'success', ok: true },
      { kind: 'template', msg_id: '200163837', template_id: null, status: 'failed:user block', ok: false },
    ]);
  });

  it('when subscribe_msg_sent_event arrives with one or two items, in XML or JSON, then each item is a subscribe report', async () => {
    const openid = newOpenId();
    const item = (msgId: string, code: string, status: string) => ({ TemplateId: 'TPL_SENT', MsgID: msgId, ErrorCode: code, ErrorStatus: status });
    await wechat.push(eventPush(openid, 'subscribe_msg_sent_event', { SubscribeMsgSentEvent: { List: item('1700827132819554304', '0', 'success') } }));
    await wechat.push(
      eventPush(openid, 'subscribe_msg_sent_event', {
        CreateTime: String(Math.floor(Date.now() / 1000) + 1),
        SubscribeMsgSentEvent: { List: [item('1700827132819554305', '0', 'success'), item('1700827132819554306', '10001', 'system fail')] },
      }),
    );
    await wechat.push(
      eventPush(openid, 'subscribe_msg_sent_event', { CreateTime: String(Math.floor(Date.now() / 1000) + 2), List: [item('1700827132819554307', '0', 'success')] }),
      { format: 'json' },
    );
    expect((await reports(openid)).map((r) => [r.kind, r.msg_id, r.template_id, r.ok])).toEqual([
      ['subscribe', '1700827132819554304', 'TPL_SENT', true],
      ['subscribe', '1700827132819554305', 'TPL_SENT', true],
      ['subscribe', '1700827132819554306', 'TPL_SENT', false],
      ['subscribe', '1700827132819554307', 'TPL_SENT', true],
    ]);
  });
});

describe('subscribe-message decisions', () => {
  async function credits(openid: string) {
    return rows<{ template_id: string; remaining: number; rejected: boolean }>(
      sql`select c.template_id, c.remaining, c.rejected from subscribe_credits c join subscribers s on s.id = c.subscriber_id where s.openid = ${openid} order by c.template_id`,
    );
  }
  const at = (offset: number) => String(Math.floor(Date.now() / 1000) + offset);

  it('when a popup is accepted (one item, XML), then one credit is added; a second accept adds another', async () => {
    const openid = newOpenId();
    const popup = (createTime: string, status: string) =>
      eventPush(openid, 'subscribe_msg_popup_event', {
        CreateTime: createTime,
        SubscribeMsgPopupEvent: { List: { TemplateId: 'TPL_A', SubscribeStatusString: status, PopupScene: '0' } },
      });
    expect((await wechat.push(popup(at(0), 'accept'))).body).toBe('success');
    await wechat.push(popup(at(1), 'acceptWithAlert'));
    expect(await credits(openid)).toEqual([{ template_id: 'TPL_A', remaining: 2, rejected: false }]);
  });

  it('when a popup has two items (accept and reject), in XML or JSON, then each template is updated', async () => {
    for (const format of ['xml', 'json'] as const) {
      const openid = newOpenId();
      const list = [
        { TemplateId: 'TPL_A', SubscribeStatusString: 'accept', PopupScene: '2' },
        { TemplateId: 'TPL_B', SubscribeStatusString: 'reject', PopupScene: '2' },
      ];
      const body: PushBody = format === 'xml' ? { SubscribeMsgPopupEvent: { List: list } } : { List: list };
      expect((await wechat.push(eventPush(openid, 'subscribe_msg_popup_event', body), { format, mode: 'safe' })).body).toBe('success');
      expect(await credits(openid)).toEqual([
        { template_id: 'TPL_A', remaining: 1, rejected: false },
        { template_id: 'TPL_B', remaining: 0, rejected: true },
      ]);
    }
  });

  it('when a popup is delivered again (a retry), then the credit is not counted twice', async () => {
    const openid = newOpenId();
    const body = eventPush(openid, 'subscribe_msg_popup_event', { SubscribeMsgPopupEvent: { List: { TemplateId: 'TPL_R', SubscribeStatusString: 'accept' } } });
    const first = await wechat.send(body);
    await wechat.send(body, { query: first.query });
    expect(await credits(openid)).toEqual([{ template_id: 'TPL_R', remaining: 1, rejected: false }]);
  });

  it('when the resident later switches a template off (change event), then its credits are zeroed and it is rejected', async () => {
    const openid = newOpenId();
    await wechat.push(eventPush(openid, 'subscribe_msg_popup_event', { CreateTime: at(0), SubscribeMsgPopupEvent: { List: { TemplateId: 'TPL_C', SubscribeStatusString: 'accept' } } }));
    await wechat.push(eventPush(openid, 'subscribe_msg_change_event', { CreateTime: at(1), SubscribeMsgChangeEvent: { List: { TemplateId: 'TPL_C', SubscribeStatusString: 'reject' } } }));
    expect(await credits(openid)).toEqual([{ template_id: 'TPL_C', remaining: 0, rejected: true }]);
  });

  it('when the List is missing or malformed, then success and nothing changes', async () => {
    const openid = newOpenId();
    expect((await wechat.push(eventPush(openid, 'subscribe_msg_popup_event', {}))).body).toBe('success');
    expect((await wechat.push(eventPush(openid, 'subscribe_msg_popup_event', { CreateTime: at(1), SubscribeMsgPopupEvent: { List: { Foo: 'bar' } } }))).body).toBe('success');
    expect(await credits(openid)).toEqual([]);
  });
});

describe('other message types and odd pushes', () => {
  it.each([
    ['image', { PicUrl: 'http://mmbiz.qpic.cn/x', MediaId: 'media1' }, '图片'],
    ['voice', { MediaId: 'media2', Format: 'amr' }, '语音'],
    ['video', { MediaId: 'media3', ThumbMediaId: 'thumb' }, '视频'],
    ['shortvideo', { MediaId: 'media4', ThumbMediaId: 'thumb' }, '小视频'],
    ['link', { Title: '标题', Description: '描述', Url: 'https://example.com' }, '链接'],
    ['music_from_the_future', {}, '已收到您的消息'],
  ])('when a resident sends %s, then a polite text asks for words instead', async (msgType, extra, expected) => {
    const body = { ...textMessage(newOpenId(), ''), MsgType: msgType, ...extra };
    delete (body as Record<string, unknown>).Content;
    const text = contentOf(await wechat.push(body));
    expect(text).toContain(expected);
    expect(text).toContain('12333');
  });

  it('when voice recognition is on, then the recognised words are answered like text', async () => {
    const body = { ...textMessage(newOpenId(), ''), MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '最低工资' };
    expect(contentOf(await wechat.push(body))).toContain('最低工资');
  });

  it('when an unknown event or an event without Event arrives, then success', async () => {
    expect((await wechat.push(eventPush(newOpenId(), 'some_future_event'))).body).toBe('success');
    const noEvent = eventPush(newOpenId(), '');
    expect((await wechat.push(noEvent)).body).toBe('success');
  });

  it('when text contains CDATA terminators and spaces, then it is read verbatim and the reply is well-formed', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '  00123 ]]> 订阅 '));
    expect(reply.fields).toMatchObject({ ToUserName: openid, FromUserName: OUR_GH_ID });
    const [row] = await rows<{ summary: string; dedupe_key: string }>(sql`select summary, dedupe_key from wechat_inbound where openid = ${openid}`);
    expect(row!.summary).toBe('  00123 ]]> 订阅 ');
    expect(row!.dedupe_key).toMatch(/^msg:oUSER[0-9a-f]+:6054768590064[0-9]+$/);
  });
});
