import { normaliseInbound, type InboundMessage, type PushFields } from './inbound';
import { DEFAULT_KEYWORD_RULES, KeywordRuleInput, type KeywordRule } from './keyword-rules';
import { classify, MENU_ACTIONS, searchTerms } from './message-router';

const rules: KeywordRule[] = DEFAULT_KEYWORD_RULES.map((r, i) => ({ ...KeywordRuleInput.parse(r), id: i + 1 }));
const header = { ToUserName: 'gh_x', FromUserName: 'oUSER123456789', CreateTime: '1348831860' };

function push(fields: PushFields): InboundMessage {
  const r = normaliseInbound({ ...header, ...fields });
  if (!r.ok) throw new Error(r.problem);
  return r.message;
}
const event = (Event: string, extra: PushFields = {}) => classify(push({ MsgType: 'event', Event, ...extra }), rules);

describe('classify', () => {
  it('when text matches a rule, then its action runs with the rest of a prefix rule', () => {
    expect(classify(push({ MsgType: 'text', Content: '订阅 工资标准' }), rules)).toMatchObject({ do: 'action', action: 'subscribe', arg: '工资标准' });
    expect(classify(push({ MsgType: 'text', Content: '最低工资' }), rules)).toMatchObject({ do: 'action', action: 'wage' });
  });

  it('when text matches no rule, then it is searched; empty text gets the help menu', () => {
    expect(classify(push({ MsgType: 'text', Content: '春风行动' }), rules)).toEqual({ do: 'search', text: '春风行动' });
    expect(classify(push({ MsgType: 'text', Content: '   ' }), rules)).toMatchObject({ do: 'action', action: 'help' });
  });

  it('when a fixed-reply rule matches, then its text is the answer', () => {
    const fixed: KeywordRule = { ...KeywordRuleInput.parse({ keywords: ['社保卡'], match: 'contains', action: 'text', replyText: '请到银行网点办理', priority: 1 }), id: 99 };
    expect(classify(push({ MsgType: 'text', Content: '社保卡' }), [...rules, fixed])).toEqual({ do: 'fixed', text: '请到银行网点办理' });
  });

  it('when each menu key is clicked, then its built-in answer runs; an unknown key is flagged', () => {
    for (const [key, action] of Object.entries(MENU_ACTIONS)) expect(event('CLICK', { EventKey: key })).toMatchObject({ do: 'action', action });
    expect(Object.keys(MENU_ACTIONS).sort()).toEqual(
      ['MENU_EXAMS', 'MENU_HALLS', 'MENU_HOTLINE', 'MENU_INTERPRETATION', 'MENU_RECRUIT_OPEN', 'MENU_SUBSIDY', 'MENU_TITLE_REVIEW', 'MENU_WAGE'].sort(),
    );
    expect(event('CLICK', { EventKey: 'MENU_NEW' })).toEqual({ do: 'unknown_menu', key: 'MENU_NEW' });
  });

  it('when follow events arrive, then the qrscene_ prefix gives the scene; SCAN keeps the key as is', () => {
    expect(event('subscribe', { EventKey: 'qrscene_abc' })).toEqual({ do: 'follow', scene: 'abc' });
    expect(event('subscribe', { EventKey: '' })).toEqual({ do: 'follow', scene: null });
    expect(event('subscribe')).toEqual({ do: 'follow', scene: null });
    expect(event('SCAN', { EventKey: 'abc' })).toEqual({ do: 'scan', scene: 'abc' });
    expect(event('unsubscribe')).toEqual({ do: 'unfollow' });
  });

  it('when locations arrive, then message and automatic report both ask for the nearest hall', () => {
    expect(classify(push({ MsgType: 'location', Location_X: '32.0', Location_Y: '119.6' }), rules)).toEqual({
      do: 'nearest_hall',
      point: { latitude: 32, longitude: 119.6 },
      automatic: false,
    });
    expect(event('LOCATION', { Latitude: '31.95', Longitude: '119.17', Precision: '50' })).toMatchObject({ do: 'nearest_hall', automatic: true });
    expect(event('LOCATION', {})).toMatchObject({ do: 'ignore', unexpected: true });
  });

  it('when platform reports arrive, then each goes to its recorder', () => {
    expect(event('TEMPLATESENDJOBFINISH', { MsgID: '1', Status: 'success' })).toEqual({ do: 'template_report' });
    expect(event('subscribe_msg_popup_event')).toEqual({ do: 'subscribe_decisions', revoke: false });
    expect(event('subscribe_msg_change_event')).toEqual({ do: 'subscribe_decisions', revoke: true });
    expect(event('subscribe_msg_sent_event')).toEqual({ do: 'subscribe_sent' });
  });

  it('when menu links, unknown events or media arrive, then they are quiet, flagged or answered politely', () => {
    expect(event('VIEW', { EventKey: 'https://x' })).toMatchObject({ do: 'ignore', unexpected: false });
    expect(event('view_miniprogram')).toMatchObject({ do: 'ignore', unexpected: false });
    expect(event('brand_new_event')).toMatchObject({ do: 'ignore', unexpected: true });
    expect(classify(push({ MsgType: 'image', MediaId: 'm' }), rules)).toEqual({ do: 'media', mediaType: 'image' });
    expect(classify(push({ MsgType: 'voice', MediaId: 'm', Recognition: '最低工资' }), rules)).toMatchObject({ do: 'action', action: 'wage' });
    expect(classify(push({ MsgType: 'miniprogrampage' }), rules)).toEqual({ do: 'media', mediaType: null });
  });
});

describe('searchTerms', () => {
  it('when a question has filler words and punctuation, then the searchable words remain', () => {
    expect(searchTerms('我想申请创业补贴，怎么办？')).toBe('创业补贴');
    expect(searchTerms('请问 失业金 领取')).toBe('失业金');
    expect(searchTerms('？？')).toBe('');
    expect([...searchTerms('字'.repeat(80))]).toHaveLength(50);
  });
});
