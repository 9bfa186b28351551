import type { District } from '@zj/shared';
import type { SeedItem } from './seed-item';

type WageSeed = Extract<SeedItem, { kind: 'wage_standard' }>;

/**
 * Zhenjiang's tier under the Jiangsu minimum wage. NOT CONFIRMED: the 镇江 notice that maps its
 * districts to tiers was not found; every district is shown as 一类 until an editor checks it.
 */
const zhenjiangDistricts = (): District[] => ['jingkou', 'runzhou', 'dantu', 'xinqu', 'danyang', 'yangzhong', 'jurong'];

const TIER_NOTE =
  '镇江市各辖市区（京口区、润州区、丹徒区、镇江新区、丹阳市、扬中市、句容市）适用的地区类别尚待与镇江市转发文件核对，本平台暂按一类地区展示。';

const EXCLUDED_ITEMS = `## 哪些收入不计入最低工资

根据《最低工资规定》和江苏省有关规定，下列项目不作为最低工资的组成部分，用人单位应在最低工资标准之外另行支付：

- 延长工作时间的工资；
- 中班、夜班、高温、低温、井下、有毒有害等特殊工作环境、条件下的津贴；
- 法律、法规和国家规定的劳动者福利待遇等；
- 劳动者个人依法缴纳的住房公积金。`;

const RIGHTS = `## 权益保障

用人单位支付给劳动者的工资不得低于当地最低工资标准。劳动者在法定工作时间内提供了正常劳动，用人单位支付的工资低于标准的，可拨打 **12333** 人社服务热线咨询，或向所在地劳动保障监察机构投诉举报。`;

export function wageStandardSeeds(_now: Date): SeedItem[] {
  const items: WageSeed[] = [
    {
      kind: 'wage_standard',
      slug: 'wage-js-minimum-2026',
      title: '江苏省最低工资标准（苏人社规〔2025〕3号）',
      summary:
        '江苏省人力资源和社会保障厅调整全省最低工资标准，一类地区月最低工资标准调整为2660元。执行日期、其他地区类别标准及镇江各辖市区适用类别以正式文件为准。',
      body: `## 调整内容

江苏省人力资源和社会保障厅印发《关于调整江苏省最低工资标准的通知》（苏人社规〔2025〕3号），对全省月最低工资标准和非全日制用工小时最低工资标准进行调整。

| 地区类别 | 月最低工资标准 | 非全日制用工小时最低工资标准 |
| --- | --- | --- |
| 一类地区 | 2660元 | 待核实（本平台暂按26元展示） |
| 二类地区 | 待核实 | 待核实 |
| 三类地区 | 待核实 | 待核实 |

## 镇江市适用类别

${TIER_NOTE}

## 适用范围

- **月最低工资标准**适用于全日制就业劳动者；
- **小时最低工资标准**适用于非全日制就业劳动者。

${EXCLUDED_ITEMS}

${RIGHTS}

> 本条目为示例数据：除文号和一类地区月最低工资标准外，其余数字和执行日期均待核实。`,
      topics: ['wage_standard', 'labour_rights'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: '苏人社规〔2025〕3号',
      sourceUrl: 'https://jshrss.jiangsu.gov.cn/art/2025/12/29/art_77263_11701076.html',
      sourceNote:
        '文号、通知标题、发布日期（2025-12-29）和“一类地区最低工资2660元”来自一个公开代码仓库（polarsta/gjj-policy-watch）对江苏省人社厅官网该页面的引用，未直接阅读原文。执行日期（暂按2026-01-01）、二类和三类地区标准、小时最低工资标准（26元为示例）以及镇江各辖市区的类别划分均未核实。',
      isSample: true,
      status: 'published',
      publishedAt: '2025-12-30T10:00:00+08:00',
      details: {
        standardType: 'minimum_wage',
        rates: [
          { type: 'monthly_min', tier: 1, amount: 2660, unit: '元/月', districts: zhenjiangDistricts() },
          { type: 'hourly_min', tier: 1, amount: 26, unit: '元/小时', districts: zhenjiangDistricts() },
        ],
        effectiveFrom: '2026-01-01',
        docNumber: '苏人社规〔2025〕3号',
        localDocNumber: null,
        issuer: '江苏省人力资源和社会保障厅',
      },
    },
    {
      kind: 'wage_standard',
      slug: 'wage-js-minimum-2024',
      title: '江苏省最低工资标准（2024年1月1日起执行）',
      summary: '自2024年1月1日起，江苏省一类地区月最低工资标准为2490元、小时最低工资标准为24元；二类地区为2260元、22元。',
      body: `## 标准内容

根据江苏省人力资源和社会保障厅《关于调整全省最低工资标准的通知》（苏人社规〔2023〕4号），自**2024年1月1日**起执行以下标准：

| 地区类别 | 月最低工资标准 | 非全日制用工小时最低工资标准 |
| --- | --- | --- |
| 一类地区 | 2490元 | 24元 |
| 二类地区 | 2260元 | 22元 |
| 三类地区 | 2010元（待核实） | 20元（待核实） |

## 镇江市适用类别

${TIER_NOTE}

## 执行情况

本标准已被苏人社规〔2025〕3号调整后的新标准替代，保留在此供查询历史标准使用。

${EXCLUDED_ITEMS}`,
      topics: ['wage_standard'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: '苏人社规〔2023〕4号',
      sourceUrl: null,
      sourceNote:
        '一类、二类地区的月和小时标准及执行日期经南通市转发文件（通人社劳〔2024〕2号，ushui.net 转载）核对；三类地区 2010元/20元 未核实；镇江各辖市区的类别划分未核实。',
      isSample: true,
      status: 'published',
      publishedAt: '2023-12-29T10:00:00+08:00',
      details: {
        standardType: 'minimum_wage',
        rates: [
          { type: 'monthly_min', tier: 1, amount: 2490, unit: '元/月', districts: zhenjiangDistricts() },
          { type: 'hourly_min', tier: 1, amount: 24, unit: '元/小时', districts: zhenjiangDistricts() },
        ],
        effectiveFrom: '2024-01-01',
        docNumber: '苏人社规〔2023〕4号',
        localDocNumber: null,
        issuer: '江苏省人力资源和社会保障厅',
      },
    },
    {
      kind: 'wage_standard',
      slug: 'wage-js-minimum-2021',
      title: '江苏省最低工资标准（2021年8月1日起执行）',
      summary: '自2021年8月1日起，江苏省一类地区月最低工资标准为2280元、小时最低工资标准为22元。',
      body: `## 标准内容

根据江苏省人力资源和社会保障厅《关于调整全省最低工资标准的通知》（苏人社发〔2021〕72号），自**2021年8月1日**起执行以下标准：

| 地区类别 | 月最低工资标准 | 非全日制用工小时最低工资标准 |
| --- | --- | --- |
| 一类地区 | 2280元 | 22元 |
| 二类地区 | 2070元（待核实） | 待核实 |
| 三类地区 | 1840元（待核实） | 待核实 |

## 镇江市适用类别

${TIER_NOTE}

## 执行情况

本标准已于2024年1月1日被新标准替代，保留在此供查询历史标准使用。`,
      topics: ['wage_standard'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: '苏人社发〔2021〕72号',
      sourceUrl: null,
      sourceNote:
        '一类地区 2280元/月、22元/小时和执行日期经南通市转发文件（通人社劳〔2021〕9号，ushui.net 转载）核对；二类 2070元、三类 1840元 仅见于一个误记调整年份的二手网站（zhimen.com），二类和三类小时标准未见；镇江各辖市区的类别划分未核实。',
      isSample: true,
      status: 'published',
      publishedAt: '2021-07-20T10:00:00+08:00',
      details: {
        standardType: 'minimum_wage',
        rates: [
          { type: 'monthly_min', tier: 1, amount: 2280, unit: '元/月', districts: zhenjiangDistricts() },
          { type: 'hourly_min', tier: 1, amount: 22, unit: '元/小时', districts: zhenjiangDistricts() },
        ],
        effectiveFrom: '2021-08-01',
        docNumber: '苏人社发〔2021〕72号',
        localDocNumber: null,
        issuer: '江苏省人力资源和社会保障厅',
      },
    },
    {
      kind: 'wage_standard',
      slug: 'wage-js-minimum-2018',
      title: '江苏省最低工资标准（2018年8月1日起执行）',
      summary: '自2018年8月1日起，江苏省月最低工资标准分为2020元、1830元、1620元三档，小时最低工资标准分为18.5元、16.5元、14.5元三档。',
      body: `## 标准内容

根据江苏省人力资源和社会保障厅《关于调整全省最低工资标准的通知》（苏人社发〔2018〕173号），自**2018年8月1日**起执行以下标准：

| 地区类别 | 月最低工资标准 | 非全日制用工小时最低工资标准 |
| --- | --- | --- |
| 一类地区 | 2020元 | 18.5元 |
| 二类地区 | 1830元 | 16.5元 |
| 三类地区 | 1620元 | 14.5元 |

## 镇江市适用类别

${TIER_NOTE}

## 其他规定

- 劳动者个人缴纳的住房公积金不计入最低工资；
- 在校学生实习、勤工助学期间的报酬按小时计算，不得低于当地小时最低工资标准。

## 执行情况

本标准已于2021年8月1日被新标准替代，保留在此供查询历史标准使用。`,
      topics: ['wage_standard'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: '苏人社发〔2018〕173号',
      sourceUrl: null,
      sourceNote:
        '三档月标准、小时标准、执行日期及公积金、实习报酬的规定经该通知的转载（wnpump.cn）核对；通知附有分市地区类别表，但镇江各辖市区对应的类别本平台尚未核实。',
      isSample: true,
      status: 'published',
      publishedAt: '2018-07-20T10:00:00+08:00',
      details: {
        standardType: 'minimum_wage',
        rates: [
          { type: 'monthly_min', tier: 1, amount: 2020, unit: '元/月', districts: zhenjiangDistricts() },
          { type: 'hourly_min', tier: 1, amount: 18.5, unit: '元/小时', districts: zhenjiangDistricts() },
        ],
        effectiveFrom: '2018-08-01',
        docNumber: '苏人社发〔2018〕173号',
        localDocNumber: null,
        issuer: '江苏省人力资源和社会保障厅',
      },
    },
    {
      kind: 'wage_standard',
      slug: 'wage-zj-guideline-2026-sample',
      title: '2026年镇江市企业工资指导线（示例）',
      summary: '企业工资指导线由基准线、上线和下线组成，是企业与职工开展工资集体协商、确定年度工资增长幅度的参考。本条为演示用示例，数字不是正式公布的标准。',
      body: `## 什么是工资指导线

工资指导线是政府对企业年度工资增长提出的指导意见，不是强制标准，供企业与工会或职工代表开展工资集体协商时参考：

- **基准线**：生产经营正常、有经济效益的企业，职工平均工资一般按此幅度增长；
- **上线（预警线）**：效益好、支付能力强的企业，工资增长一般不超过此幅度；
- **下线**：效益较差的企业可按此幅度安排增长；确有困难的企业经与工会或职工代表协商，增长可低于下线，但支付给提供正常劳动的职工的工资不得低于当地最低工资标准。

## 示例数字

| 基准线 | 上线 | 下线 |
| --- | --- | --- |
| 5.5% | 8% | 3% |

> 本条目为示例数据：镇江市和江苏省现行工资指导线的数字尚未查到，上表仅用于演示页面，请以人社部门正式发布的文件为准。

${RIGHTS}`,
      topics: ['wage_standard', 'labour_rights'],
      districts: [],
      audiences: ['enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '工资指导线三条线的含义来自江苏省有关通知的转载（foodmate.cn）；镇江市和江苏省现行指导线的百分比均未查到，表中数字为演示用示例。',
      isSample: true,
      status: 'published',
      publishedAt: '2026-04-20T10:00:00+08:00',
      details: {
        standardType: 'wage_guideline',
        rates: [
          { type: 'guideline_base', tier: null, amount: 5.5, unit: '%', districts: zhenjiangDistricts() },
          { type: 'guideline_upper', tier: null, amount: 8, unit: '%', districts: zhenjiangDistricts() },
          { type: 'guideline_lower', tier: null, amount: 3, unit: '%', districts: zhenjiangDistricts() },
        ],
        effectiveFrom: '2026-01-01',
        docNumber: '示例，无正式文号',
        localDocNumber: null,
        issuer: '镇江市人力资源和社会保障局',
      },
    },
  ];
  return items;
}
