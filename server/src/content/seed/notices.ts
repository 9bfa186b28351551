import type { SeedItem } from './seed-item';

type NoticeSeed = Extract<SeedItem, { kind: 'notice' }>;

export function noticeSeeds(_now: Date): SeedItem[] {
  const items: NoticeSeed[] = [
    {
      kind: 'notice',
      slug: 'notice-graduate-service-month-2026',
      title: '2026年高校毕业生就业服务月活动公告',
      summary: '5月20日至6月30日，全市开展高校毕业生就业服务月活动，集中组织专场招聘、政策宣讲、职业指导和就业见习对接。',
      body: `为帮助2026届高校毕业生尽早实现就业，市人力资源和社会保障局决定于**2026年5月20日至6月30日**在全市开展高校毕业生就业服务月活动。

## 活动内容

1. **专场招聘**：每周组织高校毕业生专场招聘会，线上同步开展直播带岗；
2. **政策宣讲**：进校园、进园区宣讲就业创业补贴政策，现场受理政策咨询；
3. **职业指导**：为有需要的毕业生提供简历指导、模拟面试和职业规划服务；
4. **见习对接**：集中发布就业见习岗位，组织见习基地与毕业生面对面洽谈。

## 参加方式

- 关注“镇江智慧人社”微信公众号，订阅“就业创业补贴”主题，及时获取招聘会信息；
- 登录江苏智慧人社APP查看岗位信息并投递简历；
- 到各辖市区公共就业服务机构现场咨询。

## 咨询电话

12333人社服务热线。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['graduate', 'enterprise', 'employer'],
      department: '就业促进和失业保险处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '示例数据：活动名称取自镇江市人社局政务公开工作方案列出的公共就业服务活动，活动时间和内容为演示而编写。',
      isSample: true,
      status: 'published',
      publishedAt: '2026-05-18T10:00:00+08:00',
      details: { category: 'campaign', validUntil: '2026-06-30' },
    },
    {
      kind: 'notice',
      slug: 'notice-12333-hotline',
      title: '12333人社服务热线服务指南',
      summary: '拨打12333可咨询就业创业、社会保险、劳动关系、人事人才等人力资源和社会保障政策，也可反映劳动保障方面的问题。',
      body: `12333是人力资源和社会保障部门面向社会公众设立的统一服务热线。

## 可以咨询什么

- **就业创业**：就业登记、失业登记、就业创业补贴申请条件和办理流程；
- **社会保险**：参保缴费、待遇领取、社会保障卡办理和使用；
- **劳动关系**：劳动合同、工资支付、最低工资标准、工时和休假；
- **人事人才**：事业单位公开招聘、专业技术人员资格考试、职称评审。

## 可以反映什么

对拖欠工资、未依法签订劳动合同、未依法缴纳社会保险等问题，可以通过热线反映，热线将转交相关部门依法处理。

## 温馨提示

“镇江智慧人社”微信公众号也提供政策查询、补贴自测和主题订阅服务。`,
      topics: ['labour_rights', 'social_insurance'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '办公室',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '12333为人力资源社会保障部门统一设立的服务热线号码；本条未列出镇江热线的服务时间和坐席安排，上线前请补充。',
      isSample: false,
      status: 'published',
      publishedAt: '2026-01-05T10:00:00+08:00',
      details: { category: 'hotline', validUntil: null },
    },
    {
      kind: 'notice',
      slug: 'notice-budget-2026',
      title: '镇江市人力资源和社会保障局2026年部门预算公开',
      summary: '按照预算公开有关规定，公开镇江市人力资源和社会保障局2026年部门预算及相关说明。',
      body: `根据《中华人民共和国预算法》和预决算公开有关规定，现将镇江市人力资源和社会保障局2026年部门预算公开如下。

## 公开内容

1. **部门概况**：主要职能和部门预算单位构成；
2. **部门预算表**：收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、“三公”经费支出表、政府性基金预算支出表等；
3. **预算情况说明**：收支预算总体情况、财政拨款收支情况、“三公”经费预算、机关运行经费、政府采购、国有资产占用和预算绩效管理等情况；
4. **名词解释**。

## 查阅方式

预算表格和说明全文见附件，也可在镇江市人力资源和社会保障局网站“财政预决算”栏目查阅。

如对公开内容有疑问，请在工作日与本局办公室联系。`,
      topics: ['budget'],
      districts: [],
      audiences: ['individual', 'enterprise'],
      department: '办公室',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '示例数据：公开栏目结构按部门预算公开的通行格式编写，未附预算数字；发布日期为示例。',
      isSample: true,
      status: 'published',
      publishedAt: '2026-02-10T10:00:00+08:00',
      details: { category: 'budget', validUntil: null },
    },
    {
      kind: 'notice',
      slug: 'notice-labour-dispute-channels',
      title: '劳动人事争议调解仲裁和劳动保障监察投诉渠道',
      summary: '发生劳动人事争议可申请调解、仲裁；用人单位违反劳动保障法律法规的，可向劳动保障监察机构投诉举报。',
      body: `## 劳动人事争议怎么解决

1. **协商**：劳动者可以与用人单位协商，也可以请工会或者第三方共同与用人单位协商；
2. **调解**：可以向企业劳动争议调解委员会、基层调解组织申请调解；
3. **仲裁**：不愿调解、调解不成或者达成调解协议后不履行的，可以向劳动人事争议仲裁委员会申请仲裁；
4. **诉讼**：对仲裁裁决不服的，除法律另有规定外，可以向人民法院提起诉讼。

> 申请劳动争议仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算。

## 劳动保障监察投诉举报

用人单位有拖欠或克扣工资、低于最低工资标准支付工资、违法延长工作时间、未依法缴纳社会保险等行为的，劳动者可以向用人单位所在地的劳动保障监察机构投诉举报。

## 咨询

12333人社服务热线。各辖市区仲裁院和监察机构的地址、电话以本局网站公布的为准。`,
      topics: ['labour_rights'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '争议处理程序和一年仲裁时效依据《中华人民共和国劳动争议调解仲裁法》；镇江各级仲裁院和监察机构的地址、电话未收录，须补充。',
      isSample: false,
      status: 'published',
      publishedAt: '2026-03-16T10:00:00+08:00',
      details: { category: 'general', validUntil: null },
    },
  ];
  return items;
}
