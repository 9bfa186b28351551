import type { SeedItem } from './seed-item';

type GuideSeed = Extract<SeedItem, { kind: 'guide' }>;
type Details = GuideSeed['details'];
type Material = Details['materials'][number];
type Location = Details['locations'][number];
type OnlineChannel = Details['onlineChannels'][number];

/**
 * What every guide's note says. The articles cited under legalBasis are national law and were checked
 * article by article; everything local is a placeholder until the bureau's own 办事指南 is at hand.
 */
const LOCAL_UNCONFIRMED =
  '“办理依据”所列条文为国家法律法规的规定。办理地点、窗口、地址、办公时间、承诺时限、线上渠道中的具体入口以及材料清单中的本地要求均为示例，未与镇江市人社部门公布的办事指南核对，上线前须逐项核实。';

const note = (extra = ''): string => (extra ? `${LOCAL_UNCONFIRMED}${extra}` : LOCAL_UNCONFIRMED);

const original = (name: string, noteText: string | null = null): Material => ({ name, form: 'original', count: 1, note: noteText });
const copy = (name: string, noteText: string | null = null): Material => ({ name, form: 'copy', count: 1, note: noteText });

const hall = (name: string, mapQuery: string | null = null): Location => ({
  name,
  window: null,
  address: null,
  hours: '工作日上午9:00—12:00，下午13:30—17:00（示例，以窗口公布为准）',
  phone: null,
  mapQuery,
});
const CITY_HALL = hall('镇江市政务服务中心人社服务窗口（示例）', '镇江市政务服务中心');
const LOCAL_HALL = hall('户籍地或常住地所在辖市区人社服务窗口、街道（乡镇）便民服务中心（示例）');

const JIANGSU_ZWFW: OnlineChannel = { type: 'website', name: '江苏政务服务网', url: 'https://www.jszwfw.gov.cn/', note: '按事项名称搜索（示例）' };
const JIANGSU_APP: OnlineChannel = { type: 'app', name: '江苏智慧人社APP', url: null, note: '按事项名称搜索（示例）' };
const NATIONAL_SI: OnlineChannel = { type: 'website', name: '国家社会保险公共服务平台', url: 'https://si.12333.gov.cn/', note: null };
const APP_12333: OnlineChannel = { type: 'app', name: '掌上12333APP', url: null, note: null };
const E_CARD: OnlineChannel = { type: 'wechat', name: '电子社保卡（微信、支付宝等渠道）', url: null, note: null };
const HOTLINE: OnlineChannel = { type: 'phone', name: '12333人社服务热线', url: null, note: '咨询办理条件和进度' };

const FREE = '不收费';

interface GuideText {
  slug: string;
  title: string;
  summary: string;
  body: string;
  topics: string[];
  audiences: GuideSeed['audiences'];
  department: string;
  policyBasis?: string | null;
  sourceNote?: string;
  details: Details;
}

const guide = (g: GuideText): GuideSeed => ({
  kind: 'guide',
  slug: g.slug,
  title: g.title,
  summary: g.summary,
  body: g.body,
  topics: g.topics,
  districts: [],
  audiences: g.audiences,
  department: g.department,
  policyBasis: g.policyBasis ?? null,
  sourceUrl: null,
  sourceNote: g.sourceNote ?? note(),
  isSample: true,
  status: 'published',
  publishedAt: '2026-03-16T10:00:00+08:00',
  details: g.details,
});

/** 办事指南 for the services residents ask the bureau about most. */
export function guideSeeds(_now: Date): SeedItem[] {
  return [
    guide({
      slug: 'guide-unemployment-benefit',
      title: '失业保险金申领',
      summary: '非因本人意愿失业、失业前单位和本人已缴纳失业保险费满1年、已办理失业登记并有求职要求的，可申领失业保险金。',
      body: `## 谁可以领

失业前用人单位和本人已经缴纳失业保险费满1年、非因本人意愿中断就业（如单位解除或终止劳动合同），并已办理失业登记、有求职要求的失业人员。主动辞职一般不属于“非因本人意愿中断就业”。

## 能领多久

按累计缴费时间确定：满1年不足5年的，最长12个月；满5年不足10年的，最长18个月；10年以上的，最长24个月。领取期限自办理失业登记之日起计算。

## 领取期间

领取失业保险金期间参加职工基本医疗保险，应由个人缴纳的医疗保险费从失业保险基金中支付，个人不缴纳。重新就业、应征服兵役、移居境外、开始领取基本养老金，或无正当理由拒不接受介绍的适当工作或培训的，停止领取。

## 温馨提示

失业保险金的标准由省级人民政府确定，不低于城市居民最低生活保障标准，具体金额以经办机构核定为准。`,
      topics: ['social_insurance', 'employment_subsidy'],
      audiences: ['individual'],
      department: '就业促进和失业保险处',
      policyBasis: '《中华人民共和国社会保险法》',
      details: {
        theme: 'social_insurance',
        conditions: [
          '失业前用人单位和本人已经缴纳失业保险费满1年',
          '非因本人意愿中断就业',
          '已经进行失业登记，并有求职要求',
        ],
        materials: [
          original('居民身份证或社会保障卡'),
          copy('用人单位出具的终止或者解除劳动关系的证明', '能通过信息系统核验的可不提供（示例）'),
          original('本人银行账户信息', '用于按月发放失业保险金（示例）'),
        ],
        steps: [
          '办理失业登记（可与申领同时办理）',
          '通过线上渠道或到经办窗口提交失业保险金申领',
          '经办机构核验参保缴费和劳动关系终止情况，核定领取期限和标准',
          '审核通过后按月发放至本人银行账户',
        ],
        locations: [LOCAL_HALL],
        onlineChannels: [NATIONAL_SI, APP_12333, E_CARD, JIANGSU_APP, HOTLINE],
        timeLimit: { statutory: null, promised: '材料齐全的，受理后5个工作日内办结（示例）' },
        fees: FREE,
        legalBasis: [
          { law: '《中华人民共和国社会保险法》', article: '第四十五条', provision: '领取失业保险金的三项条件：缴费满一年、非因本人意愿中断就业、已失业登记并有求职要求' },
          { law: '《中华人民共和国社会保险法》', article: '第四十六条', provision: '按累计缴费时间确定最长领取期限：12个月、18个月、24个月' },
          { law: '《中华人民共和国社会保险法》', article: '第四十八条', provision: '领取期间参加职工基本医疗保险，个人应缴的医疗保险费从失业保险基金中支付' },
          { law: '《中华人民共和国社会保险法》', article: '第五十条', provision: '单位出具终止或解除劳动关系证明，失业人员办理失业登记后申领，领取期限自失业登记之日起计算' },
          { law: '《中华人民共和国社会保险法》', article: '第五十一条', provision: '重新就业、应征服兵役、移居境外、享受基本养老保险待遇等情形停止领取' },
        ],
      },
    }),
    guide({
      slug: 'guide-unemployment-registration',
      title: '失业登记',
      summary: '在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的人员，可在常住地办理失业登记，享受公共就业服务和相关扶持政策。',
      body: `## 为什么要登记

办理失业登记后，可以免费获得职业介绍、职业指导和就业信息等公共就业服务，按规定参加职业培训、享受就业扶持政策；申领失业保险金的，须先办理失业登记。

## 温馨提示

- 失业登记不收取任何费用；
- 登记后实现就业的，应及时办理就业登记，失业登记随之注销；
- 符合条件的，可同时申领失业保险金。`,
      topics: ['employment_subsidy'],
      audiences: ['individual', 'graduate', 'hard_to_employ'],
      department: '就业促进和失业保险处',
      policyBasis: '《就业服务与就业管理规定》',
      sourceNote: note('《就业服务与就业管理规定》中失业登记的具体条款序号未逐条核对，故未标注条号。'),
      details: {
        theme: 'employment',
        conditions: ['在法定劳动年龄内，有劳动能力', '有就业要求，处于无业状态', '在常住地办理（户籍地或常住地公共就业服务机构）'],
        materials: [original('居民身份证或社会保障卡'), copy('与原单位终止或者解除劳动关系的证明', '曾在单位就业的提供；能通过系统核验的可不提供（示例）')],
        steps: ['通过线上渠道或到公共就业服务机构提交失业登记申请', '经办人员核验身份和就业状态', '办结后可获得就业服务和相关政策指引'],
        locations: [LOCAL_HALL],
        onlineChannels: [JIANGSU_APP, JIANGSU_ZWFW, HOTLINE],
        timeLimit: { statutory: null, promised: '即时办结（示例）' },
        fees: FREE,
        legalBasis: [
          { law: '《就业服务与就业管理规定》', article: null, provision: '建立失业登记制度，失业人员可在常住地公共就业服务机构办理失业登记并享受公共就业服务' },
          { law: '《中华人民共和国社会保险法》', article: '第五十条', provision: '失业人员应及时到指定的公共就业服务机构办理失业登记，领取失业保险金期限自失业登记之日起计算' },
        ],
      },
    }),
    guide({
      slug: 'guide-employment-registration',
      title: '就业登记',
      summary: '劳动者被用人单位招用的，由用人单位为其办理就业登记；从事个体经营或灵活就业的，可由本人办理。',
      body: `## 谁来办

- 被用人单位招用的，由**用人单位**为劳动者办理；
- 从事个体经营、灵活就业的，由**本人**办理。

## 为什么要办

就业登记记录劳动者的就业状态，是享受就业扶持政策、申领部分就业补贴和统计就业情况的依据。已办理失业登记的人员实现就业后，办理就业登记即注销失业登记。

## 温馨提示

办理时限和是否与社会保险参保登记一并办理，以当地经办机构规定为准。`,
      topics: ['employment_subsidy'],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '就业促进和失业保险处',
      policyBasis: '《就业服务与就业管理规定》',
      sourceNote: note('《就业服务与就业管理规定》中就业登记的具体条款序号和办理时限未逐条核对，故未标注条号。'),
      details: {
        theme: 'employment',
        conditions: ['与用人单位建立劳动关系，或从事个体经营、灵活就业', '在法定劳动年龄内'],
        materials: [
          copy('劳动者居民身份证'),
          copy('劳动合同或用工证明', '用人单位办理时提供（示例）'),
          copy('营业执照', '个体经营者本人办理时提供；能通过系统核验的可不提供（示例）'),
        ],
        steps: ['用人单位通过线上渠道或到窗口提交就业登记信息（个人就业的由本人提交）', '经办机构核验', '登记完成，可在线查询'],
        locations: [LOCAL_HALL],
        onlineChannels: [JIANGSU_ZWFW, JIANGSU_APP, HOTLINE],
        timeLimit: { statutory: null, promised: '即时办结（示例）' },
        fees: FREE,
        legalBasis: [{ law: '《就业服务与就业管理规定》', article: null, provision: '建立就业登记制度，劳动者被用人单位招用的由用人单位为其办理就业登记' }],
      },
    }),
    guide({
      slug: 'guide-work-injury-recognition',
      title: '工伤认定',
      summary: '职工受到事故伤害或患职业病，单位应在30日内申请工伤认定；单位未申请的，职工或其近亲属、工会组织可在1年内直接申请。人社部门自受理起60日内作出认定决定。',
      body: `## 谁来申请、多长时间内申请

- **用人单位**：自事故伤害发生之日或被诊断、鉴定为职业病之日起**30日内**申请；有特殊情况的，经社会保险行政部门同意可适当延长。
- **职工本人、近亲属或工会组织**：用人单位未按规定申请的，自事故伤害发生之日或被诊断、鉴定为职业病之日起**1年内**可以直接申请。

## 多长时间出结果

社会保险行政部门自受理之日起**60日内**作出工伤认定决定；事实清楚、权利义务明确的，**15日内**作出决定。职工或其近亲属认为是工伤、用人单位不认为是工伤的，由用人单位承担举证责任。

## 哪些情形认定为工伤

《工伤保险条例》第十四条列出了应当认定为工伤的情形，例如在工作时间和工作场所内因工作原因受到事故伤害，以及在上下班途中受到非本人主要责任的交通事故伤害等；第十五条列出了视同工伤的情形；第十六条列出了不得认定为工伤的情形。

## 对结果不服

对工伤认定结论不服的，可以依法申请行政复议，也可以依法提起行政诉讼。`,
      topics: ['social_insurance', 'labour_rights'],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '工伤保险处',
      policyBasis: '《工伤保险条例》',
      details: {
        theme: 'social_insurance',
        conditions: [
          '申请人为用人单位，或工伤职工本人、其近亲属、工会组织',
          '用人单位在事故伤害发生或确诊职业病之日起30日内申请',
          '用人单位未申请的，个人或工会组织在1年内申请',
        ],
        materials: [
          original('工伤认定申请表'),
          copy('与用人单位存在劳动关系（包括事实劳动关系）的证明材料', '如劳动合同、工资发放记录等'),
          copy('医疗诊断证明或者职业病诊断证明书（或者职业病诊断鉴定书）'),
        ],
        steps: [
          '向用人单位所在地统筹地区社会保险行政部门提交申请和材料',
          '材料不完整的，社会保险行政部门一次性书面告知需要补正的全部材料',
          '受理后调查核实',
          '作出工伤认定决定，书面通知职工或其近亲属和用人单位',
        ],
        locations: [CITY_HALL, LOCAL_HALL],
        onlineChannels: [JIANGSU_ZWFW, JIANGSU_APP, HOTLINE],
        timeLimit: { statutory: '自受理之日起60日内作出认定决定；事实清楚、权利义务明确的，15日内作出', promised: null },
        fees: FREE,
        legalBasis: [
          { law: '《工伤保险条例》', article: '第十四条', provision: '应当认定为工伤的情形' },
          { law: '《工伤保险条例》', article: '第十五条', provision: '视同工伤的情形' },
          { law: '《工伤保险条例》', article: '第十七条', provision: '单位30日内申请；单位未申请的，职工或其近亲属、工会组织1年内可直接申请' },
          { law: '《工伤保险条例》', article: '第十八条', provision: '申请需提交的材料；材料不完整的一次性书面告知补正' },
          { law: '《工伤保险条例》', article: '第十九条', provision: '职工认为是工伤、单位不认为是工伤的，由用人单位承担举证责任' },
          { law: '《工伤保险条例》', article: '第二十条', provision: '自受理之日起60日内作出认定决定，事实清楚的15日内作出' },
        ],
      },
    }),
    guide({
      slug: 'guide-work-injury-benefits',
      title: '工伤保险待遇申领',
      summary: '经认定为工伤的职工，可按规定享受工伤医疗、停工留薪期待遇、伤残待遇等；因工死亡的，近亲属可领取丧葬补助金、供养亲属抚恤金和一次性工亡补助金。',
      body: `## 能享受哪些待遇

- **工伤医疗**：治疗工伤所需、符合工伤保险诊疗项目目录、药品目录和住院服务标准的费用，从工伤保险基金支付；
- **停工留薪期**：原工资福利待遇不变，由所在单位按月支付，停工留薪期一般不超过12个月，经设区的市级劳动能力鉴定委员会确认可以适当延长，但延长不超过12个月；
- **伤残待遇**：经劳动能力鉴定确定伤残等级后，按等级享受一次性伤残补助金等待遇，一级伤残为27个月的本人工资，十级伤残为7个月的本人工资；
- **因工死亡**：近亲属领取丧葬补助金（6个月的统筹地区上年度职工月平均工资）、供养亲属抚恤金，以及一次性工亡补助金（上一年度全国城镇居民人均可支配收入的20倍）。

## 先做劳动能力鉴定

工伤职工经治疗伤情相对稳定后存在残疾、影响劳动能力的，应当进行劳动能力鉴定。设区的市级劳动能力鉴定委员会自收到申请之日起60日内作出鉴定结论，必要时可延长30日。

## 单位没有参加工伤保险

应当参加工伤保险而未参加的用人单位，其职工发生工伤的，由该用人单位按照《工伤保险条例》规定的待遇项目和标准支付费用。`,
      topics: ['social_insurance'],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '工伤保险处',
      policyBasis: '《工伤保险条例》',
      details: {
        theme: 'social_insurance',
        conditions: ['已被认定为工伤（或视同工伤）', '申请伤残待遇的，已作出劳动能力鉴定结论', '用人单位已参加工伤保险（未参加的由单位按条例规定的标准支付）'],
        materials: [
          copy('工伤认定决定书'),
          copy('劳动能力鉴定结论书', '申请伤残待遇时提供'),
          original('医疗费用票据和费用明细', '报销医疗费用时提供（示例）'),
          original('居民身份证或社会保障卡'),
        ],
        steps: ['用人单位或工伤职工提交待遇申请', '需要时申请劳动能力鉴定', '社会保险经办机构审核待遇项目和金额', '按规定支付至单位或个人账户'],
        locations: [CITY_HALL],
        onlineChannels: [JIANGSU_ZWFW, JIANGSU_APP, HOTLINE],
        timeLimit: { statutory: '劳动能力鉴定自收到申请之日起60日内作出结论，必要时可延长30日', promised: '待遇审核自受理之日起20个工作日内办结（示例）' },
        fees: '待遇申领不收费；劳动能力鉴定费用按规定从工伤保险基金支付（以当地规定为准）',
        legalBasis: [
          { law: '《工伤保险条例》', article: '第二十一条', provision: '伤情相对稳定后存在残疾、影响劳动能力的，应当进行劳动能力鉴定' },
          { law: '《工伤保险条例》', article: '第二十五条', provision: '劳动能力鉴定自收到申请之日起60日内作出结论，必要时可延长30日' },
          { law: '《工伤保险条例》', article: '第三十条', provision: '工伤医疗费用按目录和标准从工伤保险基金支付' },
          { law: '《工伤保险条例》', article: '第三十三条', provision: '停工留薪期原工资福利待遇不变，一般不超过12个月，经确认可延长但不超过12个月' },
          { law: '《工伤保险条例》', article: '第三十九条', provision: '因工死亡的丧葬补助金、供养亲属抚恤金和一次性工亡补助金' },
          { law: '《工伤保险条例》', article: '第六十二条', provision: '应参保而未参保的单位，按条例规定的待遇项目和标准支付费用' },
        ],
      },
    }),
    guide({
      slug: 'guide-social-security-card',
      title: '社会保障卡申领与补换',
      summary: '参保人员可申领社会保障卡，用于社保业务办理、待遇领取和就医结算；卡片遗失可先挂失再补办，损坏或过期可以换领，也可同时使用电子社保卡。',
      body: `## 能用来做什么

社会保障卡可以用于办理人社业务、领取社会保险待遇、医保就医结算等，具有金融功能的卡还可以用于存取款和转账。个人社会保障号码即公民身份号码。

## 卡丢了怎么办

1. 先**挂失**：可通过12333热线、电子社保卡或线上渠道办理临时挂失，避免被他人冒用；
2. 再**补办**：到合作银行网点或人社服务窗口申请补卡，部分网点可即时制卡。

## 电子社保卡

领取电子社保卡后，可在手机上查询参保信息、办理人社业务和就医结算，与实体卡同步使用。`,
      topics: ['social_insurance'],
      audiences: ['individual'],
      department: '社会保障卡管理部门（示例）',
      policyBasis: null,
      sourceNote: note('首次申领和补换卡是否收取工本费、即时制卡网点和合作银行名单均未核实。'),
      details: {
        theme: 'social_insurance',
        conditions: ['已参加社会保险或在本地有社会保障卡申领资格', '补办的，原卡已挂失；换领的，原卡损坏、过期或需要更换为新版卡'],
        materials: [
          original('居民身份证', '未成年人由监护人持户口簿和监护人身份证代办（示例）'),
          original('原社会保障卡', '换领时提供；遗失补办的无需提供'),
        ],
        steps: ['遗失的先办理挂失', '到合作银行网点或人社服务窗口提出申领、补办或换领申请', '现场采集或确认照片等信息', '即时制卡或按约定时间领取新卡，领卡后及时激活金融功能'],
        locations: [hall('社会保障卡合作银行网点（示例）'), LOCAL_HALL],
        onlineChannels: [E_CARD, JIANGSU_APP, APP_12333, { ...HOTLINE, note: '可办理社会保障卡临时挂失（示例）' }],
        timeLimit: { statutory: null, promised: '即时制卡网点当场领卡；其他网点约10个工作日（示例）' },
        fees: '首次申领不收费；补换卡是否收取工本费以当地公布的标准为准',
        legalBasis: [{ law: '《中华人民共和国社会保险法》', article: '第五十八条', provision: '国家建立全国统一的个人社会保障号码，个人社会保障号码为公民身份号码' }],
      },
    }),
    guide({
      slug: 'guide-resident-pension-enrolment',
      title: '城乡居民基本养老保险参保缴费',
      summary: '年满16周岁（不含在校学生）、不属于职工基本养老保险覆盖范围的城乡居民，可在户籍地参加城乡居民养老保险，选择档次缴费；年满60周岁、累计缴费满15年可按月领取养老金。',
      body: `## 谁可以参保

年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的城乡居民，可以在户籍地参加城乡居民基本养老保险。

## 怎么缴费

实行个人缴费、集体补助和政府补贴相结合。参保人自主选择缴费档次，按年缴费，多缴多得。国家规定的缴费档次为每年100元至2000元，各地可在此基础上增设档次，镇江执行的档次以当地公布为准。

## 什么时候能领

年满60周岁、累计缴费满15年，且未领取国家规定的基本养老保障待遇的，可以按月领取城乡居民养老保险待遇，待遇由基础养老金和个人账户养老金组成。`,
      topics: ['social_insurance'],
      audiences: ['individual'],
      department: '农村社会保险处（示例）',
      policyBasis: '国发〔2014〕8号',
      sourceNote: note('参保范围、缴费档次（国家档次为每年100元至2000元）和领取条件来自《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）；镇江执行的缴费档次、政府补贴标准和缴费渠道未核实。'),
      details: {
        theme: 'social_insurance',
        conditions: [
          '年满16周岁（不含在校学生）',
          '非国家机关和事业单位工作人员，且不属于职工基本养老保险制度覆盖范围',
          '在户籍地参保',
        ],
        materials: [original('居民身份证或户口簿'), original('社会保障卡', '用于缴费和待遇发放（示例）')],
        steps: ['到户籍地村（社区）或街道（乡镇）便民服务中心办理参保登记，或通过线上渠道登记', '选择缴费档次', '按年通过当地公布的缴费渠道缴纳保险费', '年满60周岁时申请按月领取待遇'],
        locations: [LOCAL_HALL],
        onlineChannels: [JIANGSU_APP, JIANGSU_ZWFW, HOTLINE],
        timeLimit: { statutory: null, promised: '参保登记即时办结（示例）' },
        fees: '办理不收费；养老保险费按本人选择的缴费档次缴纳',
        legalBasis: [
          { law: '《中华人民共和国社会保险法》', article: '第二十条', provision: '新型农村社会养老保险实行个人缴费、集体补助和政府补贴相结合' },
          { law: '《中华人民共和国社会保险法》', article: '第二十二条', provision: '国家建立和完善城镇居民社会养老保险制度，省级人民政府可将其与新农保合并实施' },
          { law: '《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）', article: null, provision: '统一的参保范围、缴费档次、待遇构成和领取条件' },
        ],
      },
    }),
    guide({
      slug: 'guide-pension-transfer',
      title: '职工基本养老保险关系转移接续',
      summary: '跨统筹地区流动就业的，基本养老保险关系随本人转移，缴费年限累计计算；在新参保地提出申请即可，也可在线上申请。',
      body: `## 为什么要转

个人跨统筹地区就业的，基本养老保险关系随本人转移，缴费年限累计计算；达到法定退休年龄时，基本养老金分段计算、统一支付。

## 怎么转

在新就业地参保后，向**新参保地**社会保险经办机构提出转移申请（也可通过国家社会保险公共服务平台、掌上12333等线上申请），由新参保地与原参保地经办机构之间办理转出、转入手续，个人一般无需往返两地。

## 温馨提示

- 转移时个人账户储存额全部转移，统筹基金按规定比例一并转移；
- 省内流动是否需要办理转移、办理进度查询方式，以当地经办机构答复为准。`,
      topics: ['social_insurance'],
      audiences: ['individual'],
      department: '养老保险处（示例）',
      policyBasis: '国办发〔2009〕66号',
      sourceNote: note('转移流程依据《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）整理，未标注条号；省内流动的处理方式未核实。'),
      details: {
        theme: 'social_insurance',
        conditions: ['参加职工基本养老保险后跨统筹地区流动就业', '已在新就业地参加职工基本养老保险'],
        materials: [original('居民身份证或社会保障卡'), copy('原参保地出具的参保缴费凭证', '线上申请或经办机构之间可核验的无需提供（示例）')],
        steps: ['向新参保地经办机构提出转移接续申请（或线上申请）', '新参保地向原参保地发出联系函', '原参保地办理转出并转移基金', '新参保地办理转入，本人可查询办理进度'],
        locations: [LOCAL_HALL],
        onlineChannels: [NATIONAL_SI, APP_12333, E_CARD, JIANGSU_APP, HOTLINE],
        timeLimit: { statutory: '新参保地、原参保地经办机构各环节一般在15个工作日内办结（国办发〔2009〕66号）', promised: null },
        fees: FREE,
        legalBasis: [
          { law: '《中华人民共和国社会保险法》', article: '第十九条', provision: '跨统筹地区就业的，基本养老保险关系随本人转移，缴费年限累计计算，基本养老金分段计算、统一支付' },
          { law: '《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）', article: null, provision: '转移接续的申请、联系函、转出转入程序和基金转移办法' },
        ],
      },
    }),
    guide({
      slug: 'guide-retirement-pension',
      title: '退休（职）审批与基本养老金领取',
      summary: '参加职工基本养老保险的个人，达到法定退休年龄且累计缴费达到最低缴费年限的，可以办理退休并按月领取基本养老金；自2025年1月1日起法定退休年龄逐步延迟。',
      body: `## 什么时候可以退休

自2025年1月1日起，法定退休年龄逐步延迟：男职工和原法定退休年龄为55周岁的女职工，每4个月延迟1个月，分别逐步延迟至63周岁和58周岁；原法定退休年龄为50周岁的女职工，每2个月延迟1个月，逐步延迟至55周岁。具体到本人的退休年龄，可以通过电子社保卡、掌上12333等渠道的退休年龄计算器查询。

## 缴费满多少年

达到法定退休年龄时累计缴费满15年的，按月领取基本养老金。自2030年1月1日起，最低缴费年限由15年逐步提高至20年，每年提高6个月。缴费年限不足的，可以按规定延长缴费。

## 弹性退休

符合条件的职工可以自愿选择弹性提前或弹性延迟退休，最长不超过3年，提前退休的不得早于原法定退休年龄。具体条件以国家规定为准。

## 怎么办

一般由用人单位为职工申报退休；灵活就业人员等由本人申请。经审核后，自批准退休的次月起按月发放基本养老金。`,
      topics: ['social_insurance'],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '养老保险处（示例）',
      policyBasis: '《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》',
      sourceNote: note('“自批准退休的次月起发放”及材料清单为通行做法，镇江的具体口径未核实。'),
      details: {
        theme: 'social_insurance',
        conditions: ['参加职工基本养老保险', '达到法定退休年龄（或符合弹性退休条件）', '累计缴费达到最低缴费年限'],
        materials: [
          original('居民身份证或社会保障卡'),
          original('本人人事档案', '用于认定出生时间、参加工作时间等（示例）'),
          original('本人银行账户信息', '用于发放养老金（示例）'),
        ],
        steps: ['用人单位或本人提交退休申请', '人社部门审核出生时间、参保缴费和退休条件', '核定基本养老金', '按月发放基本养老金'],
        locations: [LOCAL_HALL],
        onlineChannels: [JIANGSU_APP, JIANGSU_ZWFW, APP_12333, HOTLINE],
        timeLimit: { statutory: null, promised: '材料齐全的，受理后10个工作日内办结（示例）' },
        fees: FREE,
        legalBasis: [
          { law: '《中华人民共和国社会保险法》', article: '第十六条', provision: '达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金；不足十五年的可以缴费至满十五年' },
          { law: '《国务院关于渐进式延迟法定退休年龄的办法》', article: '第一条', provision: '自2025年1月1日起，男职工和原法定退休年龄为55周岁的女职工分别逐步延迟至63周岁和58周岁，原法定退休年龄为50周岁的女职工逐步延迟至55周岁' },
          { law: '《国务院关于渐进式延迟法定退休年龄的办法》', article: '第二条', provision: '自2030年1月1日起，按月领取基本养老金的最低缴费年限由15年逐步提高至20年，每年提高6个月' },
        ],
      },
    }),
    guide({
      slug: 'guide-labour-arbitration',
      title: '劳动人事争议仲裁申请',
      summary: '与用人单位发生劳动争议的，可以向劳动合同履行地或用人单位所在地的劳动人事争议仲裁委员会申请仲裁。申请时效为1年，仲裁不收费，一般自受理起45日内结案。',
      body: `## 先调解还是直接仲裁

发生劳动争议，可以协商，也可以向调解组织申请调解；不愿调解、调解不成或达成调解协议后不履行的，可以申请仲裁。对仲裁裁决不服的，除法律另有规定的外，可以向人民法院起诉。

## 时效：1年

申请仲裁的时效期间为1年，从知道或者应当知道其权利被侵害之日起计算。劳动关系存续期间因拖欠劳动报酬发生争议的，不受1年时效期间的限制；但劳动关系终止的，应当自终止之日起1年内提出。

## 向哪里申请

由劳动合同履行地或者用人单位所在地的劳动争议仲裁委员会管辖；双方分别向两地申请的，由劳动合同履行地的仲裁委员会管辖。

## 多长时间

仲裁委员会收到申请之日起5日内决定是否受理；仲裁庭应当自受理之日起45日内结束，案情复杂需要延期的，经批准可以延长，但不得超过15日。

## 费用

劳动争议仲裁不收费。`,
      topics: ['labour_rights'],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '调解仲裁管理处（示例）',
      policyBasis: '《中华人民共和国劳动争议调解仲裁法》',
      details: {
        theme: 'labour_relations',
        conditions: ['与用人单位之间发生劳动争议或人事争议', '在仲裁时效期间内提出（一般为1年）', '属于受理仲裁的仲裁委员会管辖'],
        materials: [
          { name: '仲裁申请书', form: 'original', count: 1, note: '按被申请人人数提交副本；书写确有困难的可以口头申请' },
          copy('申请人居民身份证'),
          copy('被申请人（用人单位）的名称、住所等基本信息'),
          copy('证据材料', '如劳动合同、工资条、考勤记录、解除劳动关系通知等'),
        ],
        steps: ['向有管辖权的劳动人事争议仲裁委员会提交书面申请', '仲裁委员会5日内决定是否受理', '送达应诉通知，组成仲裁庭开庭审理（可先行调解）', '自受理之日起45日内作出裁决'],
        locations: [hall('镇江市劳动人事争议仲裁院及各辖市区仲裁院（示例）', '镇江市劳动人事争议仲裁院')],
        onlineChannels: [JIANGSU_ZWFW, HOTLINE],
        timeLimit: { statutory: '收到申请之日起5日内决定是否受理；自受理之日起45日内结案，经批准可延长不超过15日', promised: null },
        fees: '不收费',
        legalBasis: [
          { law: '《中华人民共和国劳动争议调解仲裁法》', article: '第五条', provision: '协商、调解、仲裁、诉讼的处理程序' },
          { law: '《中华人民共和国劳动争议调解仲裁法》', article: '第二十一条', provision: '由劳动合同履行地或者用人单位所在地的仲裁委员会管辖' },
          { law: '《中华人民共和国劳动争议调解仲裁法》', article: '第二十七条', provision: '仲裁时效期间为一年；劳动关系存续期间拖欠劳动报酬的争议不受此限' },
          { law: '《中华人民共和国劳动争议调解仲裁法》', article: '第二十九条', provision: '收到仲裁申请之日起五日内决定是否受理' },
          { law: '《中华人民共和国劳动争议调解仲裁法》', article: '第四十三条', provision: '自受理之日起四十五日内结束，延长不得超过十五日' },
          { law: '《中华人民共和国劳动争议调解仲裁法》', article: '第五十三条', provision: '劳动争议仲裁不收费' },
        ],
      },
    }),
    guide({
      slug: 'guide-wage-arrears-complaint',
      title: '欠薪投诉与劳动保障监察',
      summary: '用人单位拖欠、克扣工资或有其他违反劳动保障法律法规的行为，劳动者可以向劳动保障监察机构投诉，也可以拨打12333或通过全国根治欠薪线索反映平台反映。',
      body: `## 可以投诉什么

用人单位拖欠或克扣工资、支付的工资低于当地最低工资标准、不依法签订劳动合同、违法延长工作时间、不依法参加社会保险等侵犯劳动者权益的行为。

## 怎么投诉

- 到用人单位所在地（违法行为发生地）的劳动保障监察机构当面投诉；
- 拨打12333人社服务热线；
- 通过国务院客户端微信小程序“全国根治欠薪线索反映平台”反映欠薪线索。

## 多长时间处理

劳动保障监察机构立案后，应当自立案之日起60个工作日内完成调查；情况复杂的，经批准可以延长30个工作日。

## 温馨提示

- 违法行为在2年内未被发现、也未被举报投诉的，不再查处，请尽早反映；
- 用人单位逾期不支付劳动者工资报酬的，劳动保障行政部门可以责令其按应付金额50%以上1倍以下的标准加付赔偿金；
- 想要求补偿、赔偿等的，也可以同时申请劳动争议仲裁。`,
      topics: ['labour_rights'],
      audiences: ['individual'],
      department: '劳动保障监察支队（示例）',
      policyBasis: '《劳动保障监察条例》',
      sourceNote: note('“全国根治欠薪线索反映平台”为国务院客户端微信小程序中的全国性平台；镇江劳动保障监察机构的名称和地址未核实。'),
      details: {
        theme: 'labour_relations',
        conditions: ['用人单位有违反劳动保障法律、法规或者规章，侵犯本人劳动保障权益的行为', '违法行为发生或终了之日起2年内反映'],
        materials: [
          original('投诉人居民身份证'),
          { name: '投诉书', form: 'original', count: 1, note: '写明用人单位名称、地址、被侵害的权益和事实；可在窗口填写（示例）' },
          copy('证据材料', '如劳动合同、工资条、考勤记录、欠条、聊天记录等'),
        ],
        steps: ['向违法行为发生地的劳动保障监察机构投诉，或拨打12333、通过线上平台反映', '劳动保障监察机构审查，决定是否立案', '立案后调查核实，责令用人单位改正或支付', '依法作出处理决定，并告知投诉人处理结果'],
        locations: [hall('各辖市区劳动保障监察机构（示例）', '镇江 劳动保障监察')],
        onlineChannels: [{ type: 'wechat', name: '全国根治欠薪线索反映平台（国务院客户端微信小程序）', url: null, note: null }, HOTLINE, JIANGSU_ZWFW],
        timeLimit: { statutory: '自立案之日起60个工作日内完成调查，情况复杂的经批准可延长30个工作日', promised: null },
        fees: FREE,
        legalBasis: [
          { law: '《劳动保障监察条例》', article: '第九条', provision: '劳动者认为用人单位侵犯其劳动保障合法权益的，有权向劳动保障行政部门投诉' },
          { law: '《劳动保障监察条例》', article: '第十七条', provision: '自立案之日起60个工作日内完成调查，情况复杂的可延长30个工作日' },
          { law: '《劳动保障监察条例》', article: '第二十条', provision: '违法行为在2年内未被发现、也未被举报投诉的，不再查处' },
          { law: '《劳动保障监察条例》', article: '第二十六条', provision: '拖欠、克扣工资的，责令限期支付；逾期不支付的，按应付金额50%以上1倍以下加付赔偿金' },
        ],
      },
    }),
    guide({
      slug: 'guide-skill-level-certification',
      title: '职业技能等级认定',
      summary: '劳动者可以参加经人社部门备案的用人单位或社会培训评价组织开展的职业技能等级认定，合格的取得职业技能等级证书，证书可在全国联网查询。',
      body: `## 什么是职业技能等级认定

技能人员水平评价类职业资格退出国家职业资格目录后，改为由经人社部门备案的用人单位和社会培训评价组织开展职业技能等级认定，颁发职业技能等级证书。等级一般分为初级工、中级工、高级工、技师、高级技师。

## 怎么报名

关注当地公布的评价机构名单和认定计划，按所报职业（工种）和等级的申报条件，向评价机构报名参加理论知识考试、操作技能考核等。

## 证书查询

职业技能等级证书可以在技能人才评价证书全国联网查询系统查询。取得证书的参保职工，符合条件的可以按规定申领技能提升补贴。`,
      topics: ['qualification_exam'],
      audiences: ['individual', 'professional', 'enterprise'],
      department: '职业能力建设处（示例）',
      policyBasis: '《中华人民共和国劳动法》',
      sourceNote: note('评价机构名单、认定计划、各职业（工种）的申报条件和收费标准均未核实。'),
      details: {
        theme: 'talent',
        conditions: ['符合所报职业（工种）国家职业技能标准规定的申报条件', '向经备案的评价机构报名'],
        materials: [
          original('居民身份证'),
          copy('学历证书或已取得的职业技能等级证书', '按申报条件需要提供'),
          copy('从事本职业（工种）工作年限证明', '按申报条件需要提供（示例）'),
        ],
        steps: ['查询评价机构和认定计划', '向评价机构报名并审核申报条件', '参加理论知识考试和操作技能考核', '成绩合格的，由评价机构颁发证书，并可全国联网查询'],
        locations: [hall('经备案的职业技能等级认定评价机构（名单以当地公布为准）')],
        onlineChannels: [JIANGSU_APP, JIANGSU_ZWFW, HOTLINE],
        timeLimit: { statutory: null, promised: '按各评价机构公布的认定计划安排（示例）' },
        fees: '由评价机构按备案的标准收取，以评价机构公布为准',
        legalBasis: [{ law: '《中华人民共和国劳动法》', article: '第六十九条', provision: '国家确定职业分类，制定职业技能标准，由经备案的考核鉴定机构对劳动者实施职业技能考核鉴定' }],
      },
    }),
  ];
}
