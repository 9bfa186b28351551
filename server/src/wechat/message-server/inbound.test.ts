import { dedupeKey, normaliseInbound, subscribeMsgItems, summaryOf, type InboundMessage, type PushFields } from './inbound';

const header = { ToUserName: 'gh_x', FromUserName: 'oUSER123456789', CreateTime: '1348831860' };

function message(fields: PushFields): InboundMessage {
  const result = normaliseInbound(fields);
  if (!result.ok) throw new Error(result.problem);
  return result.message;
}

describe('normaliseInbound', () => {
  it('when the header is incomplete, then it reports the problem and the openid when there is one', () => {
    const result = normaliseInbound({ FromUserName: 'oUSER1', MsgType: 'text' });
    expect(result).toMatchObject({ ok: false, openid: 'oUSER1' });
    expect(!result.ok && result.problem).toMatch(/ToUserName/);
    expect(normaliseInbound({})).toMatchObject({ ok: false, openid: null });
  });

  it('when header values sit at or beyond their limits, then exactly the valid ones pass and the problem names the field', () => {
    const base = { ...header, MsgType: 'text' };
    const valid = [{}, { ToUserName: 'x'.repeat(128) }, { FromUserName: '镇'.repeat(128) }, { CreateTime: '9'.repeat(15) }, { CreateTime: '0' }, { MsgType: 'm'.repeat(64) }];
    for (const change of valid) expect(normaliseInbound({ ...base, ...change }).ok).toBe(true);
    const invalid: Array<[PushFields, string]> = [
      [{ ToUserName: '' }, 'ToUserName'],
      [{ ToUserName: 'x'.repeat(129) }, 'ToUserName'],
      [{ FromUserName: 42 }, 'FromUserName'],
      [{ FromUserName: { nested: 'x' } }, 'FromUserName'],
      [{ CreateTime: '9'.repeat(16) }, 'CreateTime'],
      [{ CreateTime: '1348831860\n' }, 'CreateTime'],
      [{ CreateTime: ' 1348831860' }, 'CreateTime'],
      [{ MsgType: 'm'.repeat(65) }, 'MsgType'],
      [{ MsgType: undefined }, 'MsgType'],
    ];
    for (const [change, name] of invalid) {
      const result = normaliseInbound({ ...base, ...change });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problem).toMatch(new RegExp(`^${name}: `));
    }
  });

  it('when a text arrives, then content and the 64-bit MsgId stay exact strings', () => {
    const m = message({ ...header, MsgType: 'text', Content: '  00123  ', MsgId: '6054768590064713728' });
    expect(m).toMatchObject({ type: 'text', content: '  00123  ', msgId: '6054768590064713728', openid: 'oUSER123456789' });
  });

  it('when a location arrives, then the coordinates are numbers; out-of-range ones give no point', () => {
    expect(message({ ...header, MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Label: '位置' })).toMatchObject({
      type: 'location',
      point: { latitude: 23.134521, longitude: 113.358803 },
    });
    expect(message({ ...header, MsgType: 'location', Location_X: '123', Location_Y: '1' })).toMatchObject({ point: null });
  });

  it('when media, events or unknown types arrive, then each has its shape', () => {
    expect(message({ ...header, MsgType: 'image', MediaId: 'm' })).toMatchObject({ type: 'media', mediaType: 'image' });
    expect(message({ ...header, MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_WAGE' })).toMatchObject({ type: 'event', event: 'CLICK', eventKey: 'MENU_WAGE' });
    expect(message({ ...header, MsgType: 'event', Event: 'subscribe' })).toMatchObject({ eventKey: '' });
    expect(message({ ...header, MsgType: 'miniprogrampage' })).toMatchObject({ type: 'unknown' });
  });

  it('when a field holds an element instead of text, then it reads as empty rather than crashing', () => {
    expect(message({ ...header, MsgType: 'text', Content: { nested: 'x' } })).toMatchObject({ content: '' });
  });
});

describe('dedupeKey', () => {
  it('when two residents send the same MsgId, then their keys differ; a retry has the same key', () => {
    const a = message({ ...header, MsgType: 'text', Content: 'a', MsgId: '1' });
    const b = message({ ...header, FromUserName: 'oOTHER987654321', MsgType: 'text', Content: 'a', MsgId: '1' });
    expect(dedupeKey(a)).toBe('msg:oUSER123456789:1');
    expect(dedupeKey(b)).not.toBe(dedupeKey(a));
    expect(dedupeKey(message({ ...header, MsgType: 'text', Content: 'a', MsgId: '1' }))).toBe(dedupeKey(a));
  });

  it('when an event arrives, then the key is FromUserName + CreateTime + Event + EventKey', () => {
    const m = message({ ...header, MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_WAGE' });
    expect(dedupeKey(m)).toBe('evt:oUSER123456789:1348831860:CLICK:MENU_WAGE');
    const other = message({ ...header, MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_HALLS' });
    expect(dedupeKey(other)).not.toBe(dedupeKey(m));
  });

  it('when two template jobs finish in the same second, then the MsgID keeps them apart', () => {
    const job = (id: string) => message({ ...header, MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: id, Status: 'success' });
    expect(dedupeKey(job('1'))).toBe('evt:oUSER123456789:1348831860:TEMPLATESENDJOBFINISH::1');
    expect(dedupeKey(job('2'))).not.toBe(dedupeKey(job('1')));
  });

  it('when two subscribe-message events differ only in their List, then their keys differ', () => {
    const popup = (tpl: string) =>
      message({ ...header, MsgType: 'event', Event: 'subscribe_msg_popup_event', SubscribeMsgPopupEvent: { List: { TemplateId: tpl, SubscribeStatusString: 'accept' } } });
    expect(dedupeKey(popup('A'))).toBe(dedupeKey(popup('A')));
    expect(dedupeKey(popup('A'))).not.toBe(dedupeKey(popup('B')));
  });

  it('when a VIEW event carries a long URL, then the key stays short and stable', () => {
    const view = () => message({ ...header, MsgType: 'event', Event: 'VIEW', EventKey: `https://example.com/${'x'.repeat(500)}` });
    expect(dedupeKey(view()).length).toBeLessThan(100);
    expect(dedupeKey(view())).toBe(dedupeKey(view()));
  });

  it('when a message has no MsgId, then the key falls back to time, type and content', () => {
    const a = message({ ...header, MsgType: 'text', Content: 'a' });
    const b = message({ ...header, MsgType: 'text', Content: 'b' });
    expect(dedupeKey(a)).toMatch(/^msg:oUSER123456789:1348831860:text:[0-9a-f]{16}$/);
    expect(dedupeKey(a)).not.toBe(dedupeKey(b));
  });
});

describe('subscribeMsgItems', () => {
  it('when List appears once, many times, or at the top level (JSON), then it is an array', () => {
    const one = { TemplateId: 'A' };
    expect(subscribeMsgItems({ SubscribeMsgPopupEvent: { List: one } }, 'subscribe_msg_popup_event')).toEqual([one]);
    expect(subscribeMsgItems({ SubscribeMsgSentEvent: { List: [one, one] } }, 'subscribe_msg_sent_event')).toHaveLength(2);
    expect(subscribeMsgItems({ List: [one] }, 'subscribe_msg_change_event')).toEqual([one]);
    expect(subscribeMsgItems({}, 'subscribe_msg_change_event')).toEqual([]);
  });
});

describe('summaryOf', () => {
  it('when text is long, then the stored summary is cut to 500 characters', () => {
    expect(summaryOf(message({ ...header, MsgType: 'text', Content: '字'.repeat(600), MsgId: '1' }))).toHaveLength(500);
  });
});
