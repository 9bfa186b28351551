import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { SAMPLE_MARK } from '../src/wechat/message-server/answers';
import { insertKeywordRule, seedKeywordRules } from '../src/wechat/message-server/keyword-rules';
import { seedServiceHalls } from '../src/wechat/message-server/service-halls';
import { aNotice, aPolicy, aRecruitment, aSubsidy, aWageStandard, anInterpretation, publish } from './support/builders';
import { contentOf, eventPush, newOpenId, sandboxAccount, sandboxPusher, textMessage, type Pusher } from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

const account = sandboxAccount();
let t: TestSystem;
let wechat: Pusher;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestSystem();
  wechat = sandboxPusher(t);
  const c = t.system.content;
  t.clock.set('2026-11-20T09:00:00+08:00');
  await publish(c, aWageStandard({ title: '江苏省最低工资标准（测试）' }));
  ids.startup = (await publish(c, aSubsidy({ title: '一次性创业补贴', details: { amount: '每户5000元' } }))).id;
  ids.training = (await publish(c, aSubsidy({ title: '职业技能培训补贴', details: { amount: '按职业等级每人1000至3000元' } }))).id;
  await c.createItem(aSubsidy({ title: '尚未发布的见习补贴' }), t.actors.author);
  await publish(c, aRecruitment({ title: '市属事业单位公开招聘公告' }));
  await publish(
    c,
    aRecruitment({
      title: '新区事业单位招聘公告',
      details: { registrationOpensAt: '2026-12-10T09:00:00+08:00', registrationClosesAt: '2026-12-20T17:00:00+08:00', examOn: '2027-01-10' },
    }),
  );
  await publish(
    c,
    aRecruitment({
      title: '二级建造师考试考务通知',
      topics: ['qualification_exam'],
      details: { category: 'qualification_exam', registrationClosesAt: '2026-11-27T17:00:00+08:00', positions: [] },
    }),
  );
  await publish(
    c,
    aRecruitment({
      title: '工程技术中级职称评审通知',
      topics: ['title_review'],
      details: { category: 'title_review', registrationClosesAt: '2026-12-31T17:00:00+08:00', positions: [] },
    }),
  );
  await publish(
    c,
    aRecruitment({
      title: '已经截止的招聘公告',
      details: { registrationOpensAt: '2026-10-01T09:00:00+08:00', registrationClosesAt: '2026-10-10T17:00:00+08:00', examOn: '2026-11-01' },
    }),
  );
  const hotline = aNotice({ title: '12333人社服务热线服务指南', summary: '拨打12333可咨询人社政策。' });
  if (hotline.kind === 'notice') hotline.details.category = 'hotline';
  await publish(c, hotline);
  const policy = aPolicy({ title: '关于调整就业见习补贴标准的通知', slug: 'policy-internship-test' });
  await publish(c, policy);
  await publish(c, anInterpretation('policy-internship-test', { title: '就业见习补贴标准调整政策解读' }));
  await publish(c, aNotice({ title: '春风行动专场招聘会安排', summary: '春风行动期间每周三举办专场招聘会。' }));
  t.clock.set('2026-11-27T10:00:00+08:00');
});
afterAll(() => t.close());

async function ask(text: string, openid = newOpenId()): Promise<string> {
  return contentOf(await wechat.push(textMessage(openid, text)));
}

async function click(key: string, openid = newOpenId()): Promise<string> {
  return contentOf(await wechat.push(eventPush(openid, 'CLICK', { EventKey: key })));
}

describe('keyword answers from published content', () => {
  it('when a resident asks for 最低工资, then the current standard is given per tier with its districts, date and 文号', async () => {
    const text = await ask('最低工资是多少？');
    expect(text).toContain('一类地区：京口区、润州区、丹徒区、镇江新区(经开区)');
    expect(text).toContain('二类地区：丹阳市、扬中市、句容市');
    expect(text).toContain('月最低工资：2660元/月');
    expect(text).toContain('非全日制小时最低工资：24元/小时');
    expect(text).toContain('苏人社规〔2025〕3号，2026年1月1日起执行');
    expect(await ask('工资标准')).toBe(text);
  });

  it('when a resident asks about 创业补贴, then matching subsidies link into the mini-program', async () => {
    const text = await ask('我想申请创业补贴怎么办');
    expect(text).toContain(
      `<a data-miniprogram-appid="${account.miniProgramAppId}" data-miniprogram-path="pages/subsidy/detail?id=${ids.startup}">一次性创业补贴</a>`,
    );
    expect(text).toContain('标准：每户5000元');
    expect(text).not.toContain('职业技能培训补贴');
    expect(text).toContain('小程序');
  });

  it('when a resident just says 补贴, then every published subsidy is listed and drafts are not', async () => {
    const text = await ask('补贴');
    expect(text).toContain('一次性创业补贴');
    expect(text).toContain(`pages/subsidy/detail?id=${ids.training}`);
    expect(text).not.toContain('尚未发布');
  });

  it('when a resident asks about 招聘, then open notices show their deadline in Chinese and upcoming ones their start', async () => {
    const text = await ask('最近有什么招聘');
    expect(text).toContain('正在报名的招聘公告');
    expect(text).toContain('1. 市属事业单位公开招聘公告\n报名截止：2026年11月30日（周一）17:00，还剩3天');
    expect(text).toContain('即将开始报名：\n1. 新区事业单位招聘公告\n报名时间：2026年12月10日（周四）9:00起');
    expect(text).not.toContain('已经截止');
    expect(text).not.toContain('二级建造师');
    expect(text).toContain('订阅 事业单位招聘');
  });

  it('when a resident asks about 考试 or 职称, then only that category is listed', async () => {
    const exams = await ask('考试安排');
    expect(exams).toContain('二级建造师考试考务通知\n报名截止：2026年11月27日（周五）17:00，今天截止');
    expect(exams).not.toContain('市属事业单位');
    const titles = await ask('职称评审什么时候');
    expect(titles).toContain('工程技术中级职称评审通知');
    expect(titles).not.toContain('二级建造师');
  });

  it('when a resident asks for 12333 or 人工, then the hotline and its hours come back', async () => {
    const text = await ask('转人工');
    expect(text).toContain('12333人社服务热线');
    expect(text).toContain('拨打12333可咨询人社政策。');
    expect(text).toContain('服务时间');
    expect(await ask('１２３３３')).toBe(text);
  });

  it('when a resident asks something else, then the best search hits come back, or the help menu', async () => {
    const hit = await ask('春风行动');
    expect(hit.split('\n')[0]).toMatch(/^【通知公告】<a [^>]+>春风行动专场招聘会安排<\/a>$/);
    expect(await ask('春风行动怎么参加，在哪领？')).toContain('春风行动专场招聘会安排');
    const miss = await ask('火星移民签证');
    expect(miss).toContain('抱歉，暂时没有找到');
    expect(miss).toContain('回复下列关键词');
  });
});

describe('topic subscriptions by message', () => {
  async function topicsOf(openid: string) {
    const rows = await queryRows<{ topic: string; channel: string }>(
      t.connection.db,
      sql`select s.topic, p.channel from subscriptions s join subscribers p on p.id = s.subscriber_id where p.openid = ${openid} order by s.topic`,
    );
    return rows;
  }

  it('when a resident sends 订阅 <topic>, then they follow it on the oa channel; again, they are told so; 退订 leaves it', async () => {
    const openid = newOpenId();
    expect(await ask('订阅 工资标准', openid)).toContain('已为您订阅“工资标准”');
    expect(await topicsOf(openid)).toEqual([{ topic: 'wage_standard', channel: 'oa' }]);
    expect(await ask('订阅工资标准', openid)).toContain('您已订阅过“工资标准”');
    expect(await ask('订阅 招聘', openid)).toContain('已为您订阅“事业单位招聘”');
    expect(await ask('我的订阅', openid)).toContain('您已订阅：工资标准、事业单位招聘');
    expect(await ask('退订 工资标准', openid)).toContain('已为您取消订阅“工资标准”');
    expect(await topicsOf(openid)).toEqual([{ topic: 'institution_recruitment', channel: 'oa' }]);
    expect(await ask('退订 工资标准', openid)).toContain('您没有订阅“工资标准”');
  });

  it('when the topic is unknown, then the topics are listed and nothing is stored', async () => {
    const openid = newOpenId();
    const text = await ask('订阅 天气预报', openid);
    expect(text).toContain('没有找到“天气预报”这个主题');
    expect(text).toContain('就业创业补贴、社会保险、工资标准');
    expect(await topicsOf(openid)).toEqual([]);
  });
});

describe('menu clicks', () => {
  it.each([
    ['MENU_WAGE', '镇江市现行最低工资标准'],
    ['MENU_SUBSIDY', '一次性创业补贴'],
    ['MENU_INTERPRETATION', '就业见习补贴标准调整政策解读'],
    ['MENU_RECRUIT_OPEN', '市属事业单位公开招聘公告'],
    ['MENU_EXAMS', '二级建造师考试考务通知'],
    ['MENU_TITLE_REVIEW', '工程技术中级职称评审通知'],
    ['MENU_HALLS', '丹阳市人社服务大厅'],
    ['MENU_HOTLINE', '12333人社服务热线'],
  ])('when %s is clicked, then the answer contains %s', async (key, expected) => {
    expect(await click(key)).toContain(expected);
  });

  it('when an unknown menu key is clicked, then the help menu comes back', async () => {
    expect(await click('MENU_SOMETHING_NEW')).toContain('回复下列关键词');
  });
});

describe('keyword rules are data', () => {
  it('when an editor adds a fixed-reply rule with a higher priority, then it answers once the cache is refreshed', async () => {
    await insertKeywordRule(t.connection.db, { keywords: ['社保卡'], match: 'contains', action: 'text', replyText: '社保卡业务请到合作银行网点办理。', priority: 1 }, t.clock.now());
    t.system.messaging.keywordRules.invalidate();
    expect(await ask('社保卡丢了怎么办')).toBe('社保卡业务请到合作银行网点办理。');
  });

  it('when the rules are older than their TTL, then a push is answered with them at once and a later one with the reloaded rules', async () => {
    expect(await ask('公积金提取')).not.toBe('公积金业务请咨询住房公积金管理中心。');
    await insertKeywordRule(t.connection.db, { keywords: ['公积金'], match: 'contains', action: 'text', replyText: '公积金业务请咨询住房公积金管理中心。', priority: 1 }, t.clock.now());
    t.clock.advance(31_000);
    // Answered without waiting for the reload: the rules it had.
    expect(await ask('公积金提取')).not.toBe('公积金业务请咨询住房公积金管理中心。');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await ask('公积金提取')).toBe('公积金业务请咨询住房公积金管理中心。');
  });

  it('when the defaults are seeded again, then nothing is added and edits survive', async () => {
    await t.connection.db.execute(sql`update keyword_rules set keywords = array['工资线'] where action = 'wage'`);
    await t.connection.db.execute(sql`update service_halls set address = '已核实的地址' where slug = 'zj-danyang'`);
    expect(await seedKeywordRules(t.connection.db, t.clock.now())).toBe(0);
    expect(await seedServiceHalls(t.connection.db)).toBe(0);
    const [rule] = await queryRows<{ keywords: string[] }>(t.connection.db, sql`select keywords from keyword_rules where action = 'wage'`);
    expect(rule!.keywords).toEqual(['工资线']);
    const [hall] = await queryRows<{ address: string }>(t.connection.db, sql`select address from service_halls where slug = 'zj-danyang'`);
    expect(hall!.address).toBe('已核实的地址');
    t.system.messaging.keywordRules.invalidate();
    expect(await ask('工资线')).toContain('镇江市现行最低工资标准');
  });
});

describe('reply size', () => {
  it('when many items match, then the reply stays within 2048 bytes and says there is more', async () => {
    for (let i = 0; i < 12; i++) {
      await publish(t.system.content, aSubsidy({ title: `测试用的名称很长很长的就业创业专项补贴第${i}号政策项目`, details: { amount: '按实际发生费用的百分之五十给予补贴，最高不超过每人每年一万元'.repeat(4) } }));
    }
    const reply = await wechat.push(textMessage(newOpenId(), '补贴'));
    const text = contentOf(reply);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2048);
    expect(text).toContain('内容较多');
    expect(text).not.toMatch(/<a [^>]*$/m);
  });
});

/** Questions whose answers are drawn from published content (and the halls), one per answer kind. */
const CONTENT_QUESTIONS = [
  ['subsidies', '补贴'],
  ['a subsidy search', '我想申请创业补贴怎么办'],
  ['recruitment', '最近有什么招聘'],
  ['exams', '考试安排'],
  ['title reviews', '职称评审什么时候'],
  ['interpretations', '政策解读'],
  ['the hotline', '12333'],
  ['a search', '春风行动'],
] as const;

const count = (text: string, part: string) => text.split(part).length - 1;

describe('sample content in chat answers', () => {
  it.each(CONTENT_QUESTIONS)('when the answer on %s draws on sample items, then it says so once, under its first line', async (_kind, question) => {
    const text = await ask(question);
    expect(count(text, SAMPLE_MARK)).toBe(1);
    expect(text.split('\n')[1]).toBe(SAMPLE_MARK);
  });

  it('when the wage standard and the halls are samples, then their answers say so', async () => {
    expect(await click('MENU_WAGE')).toContain('以上金额含示例数据');
    expect(await click('MENU_HALLS')).toContain('网点信息为示例数据');
  });

  it('when a long answer is cut to fit 2048 bytes, then the sample mark is still in it', async () => {
    const text = await ask('补贴');
    expect(text).toContain('内容较多');
    expect(text).toContain(SAMPLE_MARK);
  });
});

describe('confirmed content in chat answers (a real-secret deployment)', () => {
  let real: TestSystem;
  let pusher: Pusher;
  const askReal = async (text: string) => contentOf(await pusher.push(textMessage(newOpenId(), text)));
  const confirmed = { isSample: false, sourceNote: '已与官方文件核对' };

  beforeAll(async () => {
    real = await startTestSystem({ seed: true, wechat: { sandbox: false } });
    pusher = sandboxPusher(real);
    const c = real.system.content;
    real.clock.set('2026-11-20T09:00:00+08:00');
    await publish(c, aWageStandard({ ...confirmed, title: '江苏省最低工资标准' }));
    await publish(c, aSubsidy({ ...confirmed, title: '一次性创业补贴', details: { amount: '每户5000元' } }));
    await publish(c, aRecruitment({ ...confirmed, title: '市属事业单位公开招聘公告' }));
    await publish(c, aRecruitment({ ...confirmed, title: '二级建造师考试考务通知', topics: ['qualification_exam'], details: { category: 'qualification_exam', positions: [] } }));
    await publish(c, aRecruitment({ ...confirmed, title: '工程技术中级职称评审通知', topics: ['title_review'], details: { category: 'title_review', positions: [] } }));
    const hotline = aNotice({ ...confirmed, title: '12333人社服务热线服务指南', summary: '拨打12333可咨询人社政策。' });
    if (hotline.kind === 'notice') hotline.details.category = 'hotline';
    await publish(c, hotline);
    await publish(c, aPolicy({ ...confirmed, slug: 'policy-confirmed' }));
    await publish(c, anInterpretation('policy-confirmed', { ...confirmed, title: '就业见习补贴标准调整政策解读' }));
    await publish(c, aNotice({ ...confirmed, title: '春风行动专场招聘会安排', summary: '春风行动期间每周三举办专场招聘会。' }));
    await seedServiceHalls(real.connection.db, [
      { slug: 'confirmed-hall', name: '镇江市民中心人社窗口', district: 'runzhou', address: '镇江市润州区南徐大道', latitude: 32.19, longitude: 119.42, phone: '12333', hours: '工作日9:00—17:00', isSample: false },
    ]);
    real.clock.set('2026-11-27T10:00:00+08:00');
  });
  afterAll(() => real.close());

  it.each(CONTENT_QUESTIONS)('when the answer on %s draws on confirmed items only, then it has no sample mark', async (_kind, question) => {
    const text = await askReal(question);
    expect(text).not.toContain('示例数据');
    expect(text).not.toContain('抱歉');
  });

  it('when the wage standard and the halls are confirmed, then their answers have no sample mark', async () => {
    const wage = await askReal('最低工资');
    expect(wage).toContain('镇江市现行最低工资标准');
    expect(wage).not.toContain('示例数据');
    const halls = contentOf(await pusher.push(eventPush(newOpenId(), 'CLICK', { EventKey: 'MENU_HALLS' })));
    expect(halls).toContain('镇江市民中心人社窗口');
    expect(halls).not.toContain('示例数据');
  });
});
