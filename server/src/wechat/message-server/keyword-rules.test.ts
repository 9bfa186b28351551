import { DEFAULT_KEYWORD_RULES, KeywordRuleInput, matchKeywordRule, normaliseText, type KeywordRule } from './keyword-rules';

const defaults: KeywordRule[] = DEFAULT_KEYWORD_RULES.map((r, i) => ({ ...KeywordRuleInput.parse(r), id: i + 1 }));
const actionOf = (text: string, rules = defaults) => matchKeywordRule(text, rules)?.rule.action ?? null;

describe('matchKeywordRule with the default rules', () => {
  it.each([
    ['最低工资是多少', 'wage'],
    ['工资标准', 'wage'],
    ['我想申请创业补贴', 'subsidies'],
    ['事业单位招聘', 'recruitment'],
    ['二级建造师考试', 'exams'],
    ['职称评审', 'title_review'],
    ['１２３３３', 'hotline'],
    ['转人工', 'hotline'],
    ['订阅 工资标准', 'subscribe'],
    ['退订 工资标准', 'unsubscribe'],
    ['取消订阅工资标准', 'unsubscribe'],
    ['我的订阅', 'my_subscriptions'],
    ['？', 'help'],
    ['HELP', 'help'],
    ['服务大厅电话', 'halls'],
    ['政策解读', 'interpretation'],
    ['今天天气怎么样', null],
  ])('when a resident writes %s, then the action is %s', (text, action) => {
    expect(actionOf(text)).toBe(action);
  });

  it('when a prefix rule matches, then what follows the keyword is passed on', () => {
    expect(matchKeywordRule('订阅  工资标准 ', defaults)).toMatchObject({ keyword: '订阅', rest: '工资标准' });
    expect(matchKeywordRule('订阅', defaults)).toMatchObject({ rest: '' });
  });

  it('when a subscribe request names a keyword of another rule, then the subscribe rule still wins by priority', () => {
    expect(actionOf('订阅 事业单位招聘')).toBe('subscribe');
  });
});

describe('rules as data', () => {
  it('when an editor adds a higher-priority rule, then it wins; an inactive rule is skipped', () => {
    const custom: KeywordRule = { ...KeywordRuleInput.parse({ keywords: ['工资'], match: 'contains', action: 'text', replyText: '固定回复', priority: 1 }), id: 100 };
    expect(actionOf('最低工资', [...defaults, custom])).toBe('text');
    expect(actionOf('最低工资', [...defaults, { ...custom, active: false }])).toBe('wage');
  });

  it('when exact is configured, then only the whole message matches', () => {
    const exact: KeywordRule = { ...KeywordRuleInput.parse({ keywords: ['你好'], match: 'exact', action: 'help' }), id: 1 };
    expect(actionOf(' 你好 ', [exact])).toBe('help');
    expect(actionOf('你好，请问', [exact])).toBeNull();
  });

  it('when a fixed-reply rule has no reply text, then it is invalid', () => {
    expect(KeywordRuleInput.safeParse({ keywords: ['x'], match: 'exact', action: 'text' }).success).toBe(false);
    expect(KeywordRuleInput.safeParse({ keywords: [], match: 'exact', action: 'help' }).success).toBe(false);
  });

  it('when text is normalised, then full-width forms and case fold', () => {
    expect(normaliseText('  ＨＥＬＬＯ１２３？ ')).toBe('hello123?');
  });
});
