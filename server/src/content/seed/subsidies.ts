import type { z } from 'zod';
import { DISTRICTS, type EligibilityRule } from '@zj/shared';
import type { SeedItem } from './seed-item';

type SubsidySeed = Extract<SeedItem, { kind: 'subsidy' }>;
type Channel = SubsidySeed['details']['channels'][number];

const SAMPLE_NOTE =
  '申请条件按国家和江苏省就业创业扶持政策的通行口径整理；补贴标准、申请时间、办理渠道和发放批次数据均为示例，未与镇江市现行文件核对，上线前须以镇江市人社部门公布的文件为准。';

const onlineChannels = (): Channel[] => [
  { type: 'online', name: '江苏智慧人社APP', address: null, url: null },
  { type: 'online', name: '“镇江智慧人社”微信公众号办事服务', address: null, url: null },
];
const hallChannel = (where: string): Channel => ({ type: 'hall', name: where, address: null, url: null });
const hotline = (): Channel => ({ type: 'phone', name: '12333人社服务热线', address: null, url: null });

type Rule = z.input<typeof EligibilityRule>;

const inZhenjiang = (condition: string): Rule => ({ op: 'oneOf', field: 'district', values: DISTRICTS.map((d) => d.code), condition });
const collegeGraduate = (maxYearsAgo: number | undefined, condition: string): Rule => ({
  op: 'allOf',
  condition,
  rules: [
    { op: 'educationAtLeast', level: 'college', condition: '大专及以上学历' },
    { op: 'graduated', ...(maxYearsAgo === undefined ? {} : { maxYearsAgo }), condition: maxYearsAgo === undefined ? '已毕业' : `毕业${maxYearsAgo}年内` },
  ],
});
const is = (field: 'isStudent' | 'isHardToEmploy' | 'isVeteran' | 'isReturnee' | 'isInHardship', condition: string): Rule => ({ op: 'is', field, value: true, condition });
const EMPLOYER_TYPES: Rule = {
  op: 'oneOf',
  field: 'enterpriseType',
  values: ['individual_business', 'small_micro', 'other_enterprise', 'social_org'],
  condition: '申请主体为依法登记的企业、个体工商户或社会组织',
};

const LOCAL_HALL = '户籍地或经营地所在辖市区人社部门服务窗口（地址以各地公布为准）';

export function subsidySeeds(_now: Date): SeedItem[] {
  const items: SubsidySeed[] = [
    {
      kind: 'subsidy',
      slug: 'subsidy-one-time-startup',
      title: '一次性创业补贴',
      summary: '首次创办小微企业或从事个体经营、正常经营满1年的高校毕业生、就业困难人员、退役军人等重点群体，可申请一次性创业补贴。',
      body: `## 政策简介

为鼓励重点群体自主创业、以创业带动就业，对首次创办小微企业或从事个体经营并稳定经营的创业者给予一次性创业补贴。

## 补贴对象

- 毕业5年内的高校毕业生（含在校大学生）；
- 经认定的就业困难人员；
- 退役军人；
- 返乡入乡创业人员等其他重点群体。

## 补贴标准

每户一次性补贴5000元（示例标准）。同一创业者只能享受一次，不与其他同类创业补贴重复享受。

## 办理提示

1. 创业实体须在镇江市行政区域内登记注册，并**正常经营满1年**；
2. 创业者本人应在所创办的实体依法参加社会保险；
3. 经营状态、参保和身份信息能通过信息系统核验的，无需再提交纸质材料。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['individual', 'graduate', 'hard_to_employ', 'veteran'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-03-02T10:00:00+08:00',
      details: {
        conditions: [
          '在镇江市行政区域内首次创办小微企业或从事个体经营，并已办理营业执照',
          '创业者为毕业5年内高校毕业生、就业困难人员、退役军人或返乡入乡创业人员等重点群体',
          '所创办的企业或个体工商户自登记注册之日起正常经营1年以上',
          '创业者本人在所创办的实体依法参加社会保险',
          '每人只能享受一次，不与其他同类创业补贴重复享受',
        ],
        eligibility: [
          {
            op: 'oneOf',
            field: 'enterpriseType',
            values: ['individual_business', 'small_micro'],
            condition: '创办的是小微企业或个体工商户',
          },
          inZhenjiang('创业实体在镇江市行政区域内登记注册'),
          { op: 'between', field: 'businessMonths', min: 12, condition: '创业实体登记注册并正常经营满12个月' },
          { op: 'between', field: 'insuredMonths', min: 1, condition: '创业者本人已在镇江参加社会保险' },
          {
            op: 'anyOf',
            condition: '属于毕业5年内高校毕业生（含在校大学生）、就业困难人员、退役军人或返乡入乡创业人员',
            rules: [
              {
                op: 'allOf',
                condition: '在校大学生',
                rules: [is('isStudent', '在校学生'), { op: 'educationAtLeast', level: 'college', condition: '就读大专及以上' }],
              },
              collegeGraduate(5, '毕业5年内的高校毕业生'),
              is('isHardToEmploy', '经认定的就业困难人员'),
              is('isVeteran', '退役军人'),
              is('isReturnee', '返乡入乡创业人员'),
            ],
          },
        ],
        amount: '每户一次性补贴5000元（示例标准，以正式文件为准）',
        applicationWindow: { opensOn: null, closesOn: null, note: '常年受理。创业实体正常经营满1年后12个月内提出申请（示例）。' },
        channels: [...onlineChannels(), hallChannel(LOCAL_HALL), hotline()],
        materials: [
          '申请人居民身份证或社会保障卡',
          '营业执照（能通过系统核验的无需提供）',
          '毕业证书、就业困难人员认定证明或退役证明等身份材料（能通过系统核验的无需提供）',
          '创业实体或申请人本人的银行账户信息',
        ],
        steps: [
          '登录江苏智慧人社APP，或到创业实体所在地人社服务窗口提交申请',
          '经办机构通过信息系统核验经营状态、参保缴费和身份信息',
          '审核通过的名单公示5个工作日',
          '公示无异议后，补贴资金拨付至申请人或创业实体的银行账户',
        ],
        payoutBatches: [
          { paidOn: '2026-04-20', recipients: 186, totalYuan: 930000, note: '2026年第一批（示例数据）' },
          { paidOn: '2026-08-18', recipients: 214, totalYuan: 1070000, note: '2026年第二批（示例数据）' },
        ],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-startup-guarantee-loan',
      title: '创业担保贷款及贴息',
      summary: '符合条件的重点群体个人自主创业可申请最高30万元创业担保贷款，小微企业最高500万元，财政按规定给予贴息。',
      body: `## 政策简介

创业担保贷款由政府性融资担保机构提供担保、经办银行发放，财政部门按规定给予贴息，帮助创业者解决启动资金和经营周转难题。

## 贷款额度和期限

| 借款主体 | 最高额度 | 最长期限 |
| --- | --- | --- |
| 符合条件的个人 | 30万元 | 3年 |
| 合伙创业 | 按人数适当提高，具体以经办银行审批为准 | 3年 |
| 符合条件的小微企业 | 500万元 | 2年 |

> 以上额度和期限为示例，以正式文件和经办银行审批为准。

## 贴息

借款人按期还款付息后，由财政部门按规定比例给予贴息；逾期未还的部分不予贴息。

## 办理提示

贷款审批需经人社部门资格审核、担保机构担保审核和经办银行贷款审核三个环节，请如实填报经营情况，保持良好信用记录。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['individual', 'graduate', 'hard_to_employ', 'veteran', 'enterprise'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: `${SAMPLE_NOTE}个人30万元、小微企业500万元的额度上限与外省公开的创业担保贷款政策清单一致，镇江执行口径未核实。`,
      isSample: true,
      status: 'published',
      publishedAt: '2026-03-02T10:30:00+08:00',
      details: {
        conditions: [
          '属于城镇登记失业人员、就业困难人员、退役军人、高校毕业生、返乡创业农民工等重点群体',
          '在镇江市行政区域内自主创业，已办理营业执照并正常经营',
          '本人及配偶除助学贷款、住房贷款、购车贷款和小额消费贷款外，无其他未结清贷款，信用记录良好',
          '个人贷款最高不超过30万元，符合条件的小微企业最高不超过500万元',
        ],
        eligibility: [
          { op: 'between', field: 'age', min: 18, max: 60, condition: '年龄在18至60周岁之间' },
          inZhenjiang('在镇江市行政区域内创业'),
          {
            op: 'oneOf',
            field: 'enterpriseType',
            values: ['individual_business', 'small_micro'],
            condition: '已办理营业执照的个体工商户或小微企业',
          },
          {
            op: 'anyOf',
            condition: '属于登记失业人员、就业困难人员、退役军人、高校毕业生或返乡创业人员等重点群体',
            rules: [
              { op: 'oneOf', field: 'employmentStatus', values: ['registered_unemployed'], condition: '城镇登记失业人员' },
              is('isHardToEmploy', '经认定的就业困难人员'),
              is('isVeteran', '退役军人'),
              collegeGraduate(undefined, '高校毕业生'),
              is('isReturnee', '返乡创业人员'),
            ],
          },
        ],
        amount: '个人最高30万元、小微企业最高500万元，财政按规定给予贴息（示例标准，以正式文件为准）',
        applicationWindow: { opensOn: null, closesOn: null, note: '常年受理；贴息按季度结算（示例）。' },
        channels: [...onlineChannels(), hallChannel(`${LOCAL_HALL}及创业担保贷款经办银行网点`), hotline()],
        materials: [
          '借款人居民身份证，已婚的提供配偶身份证和结婚证',
          '营业执照',
          '高校毕业生、退役军人、就业困难人员等身份证明（能通过系统核验的无需提供）',
          '创业项目情况或经营情况说明',
          '经办银行和担保机构要求的其他材料',
        ],
        steps: [
          '通过江苏智慧人社APP或创业地人社服务窗口提交贷款申请',
          '人社部门审核借款人资格并出具审核意见',
          '担保机构和经办银行开展调查，完成担保和贷款审批后放款',
          '借款人按期还款付息，经办银行按季度汇总申请财政贴息',
        ],
        payoutBatches: [
          { paidOn: '2026-04-10', recipients: 1260, totalYuan: 5670000, note: '2026年第一季度贴息（示例数据）' },
          { paidOn: '2026-07-10', recipients: 1315, totalYuan: 5980000, note: '2026年第二季度贴息（示例数据）' },
          { paidOn: '2026-10-12', recipients: 1342, totalYuan: 6120000, note: '2026年第三季度贴息（示例数据）' },
        ],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-job-seeking',
      title: '求职创业补贴',
      summary: '毕业年度内有就业创业意愿的困难家庭毕业生、残疾毕业生和获得国家助学贷款的毕业生，可通过学校申请一次性求职创业补贴。',
      body: `## 政策简介

求职创业补贴用于帮助家庭经济困难的毕业生降低求职创业成本，由毕业生所在学校统一组织申报。

## 补贴对象

毕业年度内有就业创业意愿并积极求职创业的下列毕业生：

- 城乡低保家庭、脱贫家庭（含防止返贫监测对象家庭）、零就业家庭的毕业生；
- 特困人员中的毕业生；
- 残疾毕业生；
- 在校期间获得国家助学贷款的毕业生。

## 补贴标准

每人一次性1500元（示例标准）。

## 申报方式

由毕业生本人向所在学校就业指导部门提出申请，学校审核公示后报人社部门复核，补贴直接发放到毕业生本人的社会保障卡银行账户。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['graduate'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-09-10T10:00:00+08:00',
      details: {
        conditions: [
          '毕业年度内有就业创业意愿并积极求职创业',
          '在镇江市辖区内的高等院校、技工院校或中等职业学校就读',
          '属于低保家庭、脱贫家庭、零就业家庭、特困人员、残疾人，或在校期间获得国家助学贷款',
        ],
        eligibility: [
          is('isStudent', '目前为在校学生'),
          { op: 'graduated', maxYearsAgo: 0, maxYearsAhead: 1, condition: '属于毕业年度内的学生（今年或明年毕业）' },
          {
            op: 'oneOf',
            field: 'education',
            values: ['vocational', 'college', 'bachelor', 'master', 'doctor'],
            condition: '就读于中等职业学校、技工院校或高等院校',
          },
          inZhenjiang('在镇江市辖区内的学校就读'),
          is('isInHardship', '属于困难家庭、残疾毕业生或获得国家助学贷款的毕业生'),
        ],
        amount: '每人一次性1500元（示例标准，以正式文件为准）',
        applicationWindow: { opensOn: '2026-09-15', closesOn: '2026-11-30', note: '由毕业生所在学校集中组织申报（示例时间）。' },
        channels: [hallChannel('毕业生所在学校就业指导部门'), ...onlineChannels(), hotline()],
        materials: [
          '求职创业补贴申请表',
          '居民身份证和社会保障卡（须已激活金融功能）',
          '家庭困难、残疾或国家助学贷款等相关证明（能通过系统核验的无需提供）',
        ],
        steps: [
          '毕业生向所在学校就业指导部门提交申请',
          '学校初审并在校内公示不少于5个工作日',
          '学校将公示无异议的名单报人社部门复核',
          '复核通过后，补贴发放至毕业生本人社会保障卡银行账户',
        ],
        payoutBatches: [{ paidOn: '2026-01-16', recipients: 1420, totalYuan: 2130000, note: '2026届毕业生（示例数据）' }],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-employer-social-insurance',
      title: '社会保险补贴（用人单位招用就业困难人员）',
      summary: '企业等用人单位招用就业困难人员、签订1年以上劳动合同并缴纳社会保险费的，可按规定申请单位缴费部分的社会保险补贴。',
      body: `## 政策简介

为鼓励用人单位吸纳就业困难人员，对招用就业困难人员并依法缴纳社会保险费的单位，给予社会保险补贴。

## 补贴范围

单位为就业困难人员实际缴纳的**基本养老保险费、基本医疗保险费和失业保险费**，不包括个人应缴纳的部分。

## 补贴期限

最长不超过3年；对距法定退休年龄不足5年的就业困难人员，可延长至退休（示例口径）。

## 办理提示

- 补贴按季度申报，逾期未申报的视为放弃当期补贴；
- 就业困难人员与单位解除劳动关系的，自次月起停止补贴；
- 同一人员不得同时享受灵活就业人员社会保险补贴。`,
      topics: ['employment_subsidy', 'social_insurance'],
      districts: [],
      audiences: ['enterprise', 'employer', 'hard_to_employ'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-03-03T10:00:00+08:00',
      details: {
        conditions: [
          '申请主体为镇江市行政区域内依法登记的企业、个体工商户或社会组织',
          '招用经认定的就业困难人员，并与其签订1年以上劳动合同',
          '为其依法足额缴纳基本养老、基本医疗和失业保险费',
          '补贴期限最长不超过3年，距法定退休年龄不足5年的可延长至退休',
        ],
        eligibility: [EMPLOYER_TYPES, inZhenjiang('在镇江市行政区域内依法登记')],
        amount: '按单位为就业困难人员实际缴纳的基本养老、基本医疗和失业保险费给予补贴，不含个人缴纳部分（示例口径）',
        applicationWindow: { opensOn: null, closesOn: null, note: '按季度申报，每季度首月受理上一季度的补贴（示例）。' },
        channels: [...onlineChannels(), hallChannel(LOCAL_HALL), hotline()],
        materials: [
          '单位营业执照或登记证书',
          '与就业困难人员签订的劳动合同',
          '社会保险缴费明细（能通过系统核验的无需提供）',
          '单位银行基本账户信息',
        ],
        steps: [
          '单位通过江苏智慧人社APP（单位版）或经办窗口提交申请',
          '经办机构核验人员认定信息、劳动合同和缴费记录',
          '审核结果公示5个工作日',
          '公示无异议后，补贴资金拨付至单位银行基本账户',
        ],
        payoutBatches: [
          { paidOn: '2026-04-25', recipients: 320, totalYuan: 1584000, note: '2026年第一季度，涉及单位58家（示例数据）' },
          { paidOn: '2026-07-24', recipients: 336, totalYuan: 1663000, note: '2026年第二季度，涉及单位61家（示例数据）' },
        ],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-vocational-training',
      title: '职业技能培训补贴',
      summary: '劳动者参加人社部门公布的补贴性职业技能培训并取得相应证书的，可按证书等级申请职业技能培训补贴。',
      body: `## 政策简介

为提升劳动者职业技能，对参加补贴性职业技能培训并取得证书的劳动者给予培训补贴。

## 补贴对象

城乡各类劳动者，包括企业职工、登记失业人员、灵活就业人员、毕业年度高校毕业生、农村转移就业劳动者等。

## 补贴标准（示例）

| 取得的证书 | 补贴标准 |
| --- | --- |
| 专项职业能力证书 | 800元 |
| 初级工（五级） | 1000元 |
| 中级工（四级） | 1500元 |
| 高级工（三级） | 2000元 |

## 注意事项

- 须在人社部门公布的定点培训机构参加培训；
- 同一职业（工种）同一等级只能享受一次补贴；
- 每人每年享受培训补贴原则上不超过3次。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['individual', 'graduate', 'hard_to_employ'],
      department: '职业能力建设处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-03-04T10:00:00+08:00',
      details: {
        conditions: [
          '在法定劳动年龄内，镇江户籍或在镇江就业、参保',
          '参加人社部门公布的定点培训机构开展的补贴性职业技能培训',
          '培训结束后取得职业资格证书、职业技能等级证书或专项职业能力证书',
          '同一职业（工种）同一等级只能享受一次补贴，每人每年原则上不超过3次',
        ],
        eligibility: [
          { op: 'between', field: 'age', min: 16, max: 60, condition: '年龄在16至60周岁之间' },
          {
            op: 'anyOf',
            condition: '镇江户籍，或在镇江就业、参保',
            rules: [{ op: 'oneOf', field: 'hukou', values: ['zhenjiang'], condition: '镇江户籍' }, inZhenjiang('在镇江就业、参保')],
          },
          {
            op: 'not',
            condition: '目前未退休',
            rule: { op: 'oneOf', field: 'employmentStatus', values: ['retired'], condition: '已退休' },
          },
        ],
        amount: '按取得证书的等级分档补贴，专项职业能力800元、初级工1000元、中级工1500元、高级工2000元（示例标准，以正式文件为准）',
        applicationWindow: { opensOn: null, closesOn: null, note: '全年受理，取得证书之日起12个月内申请（示例）。' },
        channels: [...onlineChannels(), hallChannel('定点培训机构代为申报，或到辖市区人社部门服务窗口申请'), hotline()],
        materials: ['居民身份证或社会保障卡', '职业资格证书、职业技能等级证书或专项职业能力证书（能通过系统核验的无需提供）', '培训机构出具的培训记录'],
        steps: [
          '在定点培训机构报名参加补贴性职业技能培训',
          '完成培训并参加评价，取得相应证书',
          '本人或培训机构通过江苏智慧人社APP提交补贴申请',
          '人社部门审核后公示，补贴发放至本人社会保障卡银行账户',
        ],
        payoutBatches: [
          { paidOn: '2026-06-30', recipients: 2350, totalYuan: 3210000, note: '2026年上半年（示例数据）' },
          { paidOn: '2026-10-30', recipients: 2870, totalYuan: 3905000, note: '2026年第三季度（示例数据）' },
        ],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-one-time-hiring',
      title: '一次性吸纳就业补贴',
      summary: '企业招用毕业年度或离校2年内未就业高校毕业生、登记失业的16至24岁青年，签订1年以上劳动合同并缴纳失业保险的，可申请一次性吸纳就业补贴。',
      body: `## 政策简介

为支持企业扩大青年就业岗位，对招用高校毕业生和失业青年并稳定就业的企业，给予一次性吸纳就业补贴。

## 补贴条件

1. 招用毕业年度或离校2年内未就业的高校毕业生，或登记失业的16至24岁青年；
2. 与其签订1年以上劳动合同；
3. 为其按月足额缴纳失业保险费满3个月（示例口径）。

## 补贴标准

按每招用1人1500元的标准给予企业一次性补贴（示例标准）。同一人员只能被认定一次，不与其他同类补贴重复享受。

## 免申即享

对通过参保数据比对能够确认符合条件的企业，经办机构将主动推送确认信息，企业线上确认后即可享受，无需另行提交材料。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['enterprise', 'employer', 'graduate'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-03-05T10:00:00+08:00',
      details: {
        conditions: [
          '申请主体为镇江市行政区域内依法登记的企业、个体工商户或社会组织',
          '招用毕业年度或离校2年内未就业的高校毕业生，或登记失业的16至24岁青年',
          '与招用人员签订1年以上劳动合同',
          '为招用人员按月足额缴纳失业保险费满3个月',
          '同一人员只能被认定一次，不与其他同类补贴重复享受',
        ],
        eligibility: [EMPLOYER_TYPES, inZhenjiang('在镇江市行政区域内依法登记')],
        amount: '按每招用1人1500元的标准给予一次性补贴（示例标准，以正式文件为准）',
        applicationWindow: { opensOn: '2026-01-01', closesOn: '2026-12-31', note: '政策执行期内受理（示例），符合条件的企业可“免申即享”。' },
        channels: [...onlineChannels(), hallChannel(LOCAL_HALL), hotline()],
        materials: ['单位营业执照或登记证书', '招用人员名单及劳动合同', '单位银行基本账户信息'],
        steps: [
          '经办机构根据参保数据筛选符合条件的企业并推送确认信息',
          '企业通过江苏智慧人社APP（单位版）确认，或主动提交申请',
          '审核结果公示5个工作日',
          '公示无异议后，补贴资金拨付至企业银行基本账户',
        ],
        payoutBatches: [
          { paidOn: '2026-05-28', recipients: 1036, totalYuan: 1554000, note: '2026年第一批，涉及企业387家（示例数据）' },
          { paidOn: '2026-09-25', recipients: 1288, totalYuan: 1932000, note: '2026年第二批，涉及企业452家（示例数据）' },
        ],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-flexible-employment-insurance',
      title: '灵活就业人员社会保险补贴',
      summary: '就业困难人员和离校2年内未就业高校毕业生实现灵活就业并以个人身份缴纳社会保险费的，可申请社会保险补贴。',
      body: `## 政策简介

对就业困难人员和离校2年内未就业高校毕业生灵活就业后缴纳的社会保险费，给予一定比例的补贴，减轻灵活就业人员的缴费负担。

## 补贴对象

- 经认定的就业困难人员；
- 离校2年内未就业的高校毕业生。

## 补贴标准和期限

- 补贴标准不超过本人实际缴纳的职工基本养老保险费和职工基本医疗保险费的2/3（示例口径）；
- 就业困难人员最长补贴3年，距法定退休年龄不足5年的可延长至退休；
- 高校毕业生最长补贴2年。

## 办理提示

请先在户籍地或居住地办理灵活就业登记，并按时以个人身份缴纳社会保险费。补贴实行“先缴后补”，按半年申报。`,
      topics: ['employment_subsidy', 'social_insurance'],
      districts: [],
      audiences: ['individual', 'hard_to_employ', 'graduate'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-03-05T11:00:00+08:00',
      details: {
        conditions: [
          '属于经认定的就业困难人员，或离校2年内未就业的高校毕业生',
          '已在镇江办理灵活就业登记',
          '以个人身份缴纳职工基本养老保险费和职工基本医疗保险费',
          '就业困难人员补贴期限最长3年（距法定退休年龄不足5年的可延长至退休），高校毕业生最长2年',
        ],
        eligibility: [
          { op: 'oneOf', field: 'employmentStatus', values: ['flexible'], condition: '目前为灵活就业' },
          inZhenjiang('在镇江灵活就业并办理灵活就业登记'),
          {
            op: 'anyOf',
            condition: '属于就业困难人员或离校2年内未就业高校毕业生',
            rules: [is('isHardToEmploy', '经认定的就业困难人员'), collegeGraduate(2, '离校2年内的高校毕业生')],
          },
          { op: 'between', field: 'insuredMonths', min: 1, condition: '已以个人身份在镇江缴纳社会保险费' },
        ],
        amount: '不超过本人实际缴纳社会保险费的2/3（示例口径，以正式文件为准）',
        applicationWindow: { opensOn: null, closesOn: null, note: '按半年申报，每年1月和7月受理上一个半年度的补贴（示例）。' },
        channels: [...onlineChannels(), hallChannel('户籍地或居住地街道（镇）、社区人社服务站'), hotline()],
        materials: ['居民身份证或社会保障卡', '灵活就业登记信息（能通过系统核验的无需提供）', '社会保险缴费记录（能通过系统核验的无需提供）'],
        steps: [
          '办理灵活就业登记并按时缴纳社会保险费',
          '在申报期内通过江苏智慧人社APP或社区人社服务站提交申请',
          '经办机构核验身份和缴费记录，审核结果公示',
          '公示无异议后，补贴发放至本人社会保障卡银行账户',
        ],
        payoutBatches: [
          { paidOn: '2026-02-10', recipients: 5120, totalYuan: 12800000, note: '2025年下半年补贴（示例数据）' },
          { paidOn: '2026-08-12', recipients: 4980, totalYuan: 12450000, note: '2026年上半年补贴（示例数据）' },
        ],
      },
    },
    {
      kind: 'subsidy',
      slug: 'subsidy-employment-internship',
      title: '就业见习补贴',
      summary: '离校2年内未就业高校毕业生和16至24岁失业青年可到就业见习基地参加见习，见习基地按规定享受就业见习补贴。',
      body: `## 政策简介

就业见习帮助青年积累工作经验、提升就业能力。人社部门认定的就业见习基地组织见习的，按规定给予就业见习补贴。

## 见习对象

- 离校2年内未就业的高校毕业生；
- 16至24岁的登记失业青年。

## 见习期限和待遇

- 见习期限一般为3至12个月；
- 见习基地按不低于当地最低工资标准向见习人员发放基本生活费，并为其办理人身意外伤害保险。

## 补贴标准

按当地月最低工资标准的60%给予见习基地见习补贴；见习期满留用率达到50%以上的，补贴标准提高到70%（示例标准，详见《关于调整就业见习补贴标准的通知》）。

## 如何参加

登录江苏智慧人社APP“就业见习”栏目查看见习岗位，或到所在地公共就业服务机构咨询报名。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['graduate', 'individual', 'employer'],
      department: '就业促进和失业保险处',
      policyBasis: '镇人社发〔2026〕41号',
      sourceUrl: null,
      sourceNote: `${SAMPLE_NOTE}政策依据的文号为示例。`,
      isSample: true,
      status: 'published',
      publishedAt: '2026-09-09T10:00:00+08:00',
      details: {
        conditions: [
          '见习人员为离校2年内未就业高校毕业生，或16至24岁登记失业青年',
          '在人社部门认定的就业见习基地参加见习，见习期限3至12个月',
          '见习基地与见习人员签订见习协议，按不低于当地最低工资标准发放基本生活费',
          '见习基地为见习人员办理人身意外伤害保险',
        ],
        eligibility: [
          { op: 'oneOf', field: 'employmentStatus', values: ['registered_unemployed', 'unemployed'], condition: '目前未就业' },
          {
            op: 'anyOf',
            condition: '属于离校2年内未就业的高校毕业生，或16至24周岁的登记失业青年',
            rules: [
              collegeGraduate(2, '离校2年内的高校毕业生'),
              {
                op: 'allOf',
                condition: '16至24周岁的登记失业青年',
                rules: [
                  { op: 'between', field: 'age', min: 16, max: 24, condition: '年龄在16至24周岁之间' },
                  { op: 'oneOf', field: 'employmentStatus', values: ['registered_unemployed'], condition: '已办理失业登记' },
                ],
              },
            ],
          },
        ],
        amount: '按当地月最低工资标准的60%给予见习基地补贴，留用率达50%以上的提高到70%（示例标准，以正式文件为准）',
        applicationWindow: { opensOn: null, closesOn: null, note: '见习人员常年可报名；见习基地按月或按季度申报补贴（示例）。' },
        channels: [...onlineChannels(), hallChannel('所在地公共就业服务机构'), hotline()],
        materials: ['见习人员居民身份证和毕业证书（或失业登记信息）', '见习协议', '见习人员基本生活费发放记录', '人身意外伤害保险缴费凭证'],
        steps: [
          '见习人员在江苏智慧人社APP“就业见习”栏目或公共就业服务机构报名',
          '与见习基地签订见习协议并开始见习',
          '见习基地按月发放基本生活费，并按期申报见习补贴',
          '人社部门审核后，补贴拨付至见习基地银行账户',
        ],
        payoutBatches: [{ paidOn: '2026-07-20', recipients: 860, totalYuan: 1380000, note: '2026年上半年，涉及见习基地96家（示例数据）' }],
      },
    },
  ];
  return items;
}
