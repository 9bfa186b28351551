import type { SeedItem } from './seed-item';

type PolicySeed = Extract<SeedItem, { kind: 'policy' }>;
type InterpretationSeed = Extract<SeedItem, { kind: 'interpretation' }>;

const LOCAL_SAMPLE_NOTE =
  '示例数据：文号、发文日期和正文为演示政策文件与政策解读的发布流程而编写，不是镇江市已印发的文件。';

export function policySeeds(_now: Date): SeedItem[] {
  const items: PolicySeed[] = [
    {
      kind: 'policy',
      slug: 'policy-js-minimum-wage-2025',
      title: '江苏省人力资源和社会保障厅关于调整江苏省最低工资标准的通知',
      summary: '江苏省人力资源和社会保障厅调整全省最低工资标准，一类地区月最低工资标准调整为2660元。',
      body: `各设区市人力资源社会保障局：

经省人民政府同意，现就调整我省最低工资标准有关事项通知如下。

## 一、调整后的标准

一类地区月最低工资标准调整为**2660元**。二类、三类地区月最低工资标准和各类地区非全日制用工小时最低工资标准，以及各地区类别的划分，见文件原文及附件。

## 二、最低工资的组成

下列项目不作为最低工资的组成部分：

1. 延长工作时间的工资；
2. 中班、夜班、高温、低温、井下、有毒有害等特殊工作环境、条件下的津贴；
3. 法律、法规和国家规定的劳动者福利待遇等；
4. 劳动者个人依法缴纳的住房公积金。

## 三、工作要求

各地要做好最低工资标准调整的宣传解读，督促用人单位及时调整工资分配方案，依法查处违反最低工资规定的行为，切实维护劳动者合法权益。

> 本平台转载时仅摘录已核实的内容，完整内容以江苏省人力资源和社会保障厅网站发布的原文为准。`,
      topics: ['wage_standard', 'labour_rights'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: '苏人社规〔2025〕3号',
      sourceUrl: 'https://jshrss.jiangsu.gov.cn/art/2025/12/29/art_77263_11701076.html',
      sourceNote:
        '标题、文号、官网发布日期（2025-12-29，取自链接路径）和一类地区2660元来自公开代码仓库 polarsta/gjj-policy-watch 对该官网页面的引用，未直接阅读原文；正文为按以往同类通知结构编写的摘要，发文日期、其他地区类别标准和执行日期未核实。',
      isSample: true,
      status: 'published',
      publishedAt: '2025-12-30T09:30:00+08:00',
      details: { docNumber: '苏人社规〔2025〕3号', issuer: '江苏省人力资源和社会保障厅', issuedOn: '2025-12-29' },
    },
    {
      kind: 'policy',
      slug: 'policy-zj-youth-employment-2026',
      title: '关于进一步做好2026年高校毕业生等青年就业创业工作的通知',
      summary: '从拓宽就业渠道、支持自主创业、强化就业服务、加强困难帮扶四个方面，明确2026年我市高校毕业生等青年就业创业的支持措施。',
      body: `各辖市、区人力资源和社会保障局、财政局，镇江新区党政办公室、财政局：

为深入贯彻就业优先战略，全力促进高校毕业生等青年就业创业，现就做好2026年相关工作通知如下。

## 一、拓宽就业渠道

1. 鼓励企业吸纳就业。企业招用毕业年度或离校2年内未就业高校毕业生、登记失业的16至24岁青年，签订1年以上劳动合同并缴纳失业保险费的，按规定给予一次性吸纳就业补贴。
2. 稳定公共部门岗位规模。事业单位空缺岗位优先用于招聘高校毕业生，合理安排招聘时间，为毕业生求职提供便利。

## 二、支持自主创业

3. 对首次创办小微企业或从事个体经营、正常经营满1年的毕业5年内高校毕业生，按规定给予一次性创业补贴。
4. 符合条件的高校毕业生自主创业，可申请创业担保贷款，财政按规定给予贴息。

## 三、强化就业服务

5. 扩大就业见习规模，全年募集见习岗位不少于3000个。见习补贴标准按有关规定执行。
6. 开展高校毕业生就业服务月、离校未就业毕业生服务攻坚等专项活动，对离校未就业毕业生实名登记、跟踪服务。

## 四、加强困难帮扶

7. 对低保家庭、脱贫家庭、零就业家庭、残疾等困难毕业生，建立帮扶台账，实施“一人一档”“一人一策”精准帮扶，按规定发放求职创业补贴。

## 五、组织实施

各地要加强资金保障和经办服务，推行“免申即享”“直补快办”，确保政策应享尽享。本通知自印发之日起施行，有效期至2026年12月31日。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['graduate', 'enterprise', 'employer'],
      department: '就业促进和失业保险处',
      policyBasis: '镇人社发〔2026〕15号',
      sourceUrl: null,
      sourceNote: LOCAL_SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-05-12T10:00:00+08:00',
      details: { docNumber: '镇人社发〔2026〕15号', issuer: '镇江市人力资源和社会保障局 镇江市财政局', issuedOn: '2026-05-11' },
    },
    {
      kind: 'policy',
      slug: 'policy-zj-internship-subsidy-2026',
      title: '关于调整就业见习补贴标准的通知',
      summary: '自2026年10月1日起，就业见习补贴按当地月最低工资标准的60%发放；见习期满留用率达到50%以上的见习基地，补贴标准提高到70%。',
      body: `各辖市、区人力资源和社会保障局、财政局，镇江新区党政办公室、财政局：

为进一步发挥就业见习在促进青年就业中的作用，经研究，决定调整我市就业见习补贴标准。现将有关事项通知如下。

## 一、补贴标准

1. 见习基地组织离校2年内未就业高校毕业生、16至24岁登记失业青年参加就业见习的，按当地月最低工资标准的**60%**给予见习补贴；
2. 见习期满留用率达到**50%**以上的见习基地，见习补贴标准提高到当地月最低工资标准的**70%**。

## 二、补贴用途

见习补贴用于见习基地支付见习人员基本生活费、为见习人员办理人身意外伤害保险，以及对见习人员的指导管理费用。

## 三、执行时间

本通知自2026年10月1日起执行。此前开始见习、2026年10月1日后仍在见习期内的，自2026年10月起按新标准执行。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['graduate', 'employer', 'enterprise'],
      department: '就业促进和失业保险处',
      policyBasis: '镇人社发〔2026〕41号',
      sourceUrl: null,
      sourceNote: LOCAL_SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-09-08T10:00:00+08:00',
      details: { docNumber: '镇人社发〔2026〕41号', issuer: '镇江市人力资源和社会保障局 镇江市财政局', issuedOn: '2026-09-07' },
    },
    {
      kind: 'policy',
      slug: 'policy-zj-skills-training-subsidy-2026',
      title: '镇江市职业技能培训补贴管理办法',
      summary: '明确职业技能培训补贴的对象、标准、申领程序和资金监管要求，自2027年1月1日起施行。',
      body: `## 第一章 总则

**第一条** 为规范职业技能培训补贴管理，提高资金使用效益，根据国家和省有关规定，结合本市实际，制定本办法。

**第二条** 本办法适用于本市行政区域内职业技能培训补贴的申领、审核、拨付和监督管理。

## 第二章 补贴对象和标准

**第三条** 补贴对象为在法定劳动年龄内、有培训需求的城乡各类劳动者，以及组织职工培训的企业。

**第四条** 劳动者参加定点培训机构开展的补贴性培训并取得证书的，按证书等级给予补贴。具体标准由市人力资源和社会保障局、市财政局另行公布。

**第五条** 同一职业（工种）同一等级只能享受一次补贴，每人每年享受补贴原则上不超过3次。

## 第三章 申领程序

**第六条** 补贴实行网上申领。劳动者本人或定点培训机构通过江苏智慧人社APP提交申请，人社部门审核并公示后拨付资金。

## 第四章 监督管理

**第七条** 定点培训机构弄虚作假、骗取补贴资金的，追回资金，取消定点资格，并依法依规处理。

## 第五章 附则

**第八条** 本办法自2027年1月1日起施行，有效期5年。`,
      topics: ['employment_subsidy'],
      districts: [],
      audiences: ['individual', 'enterprise'],
      department: '职业能力建设处',
      policyBasis: '镇人社规〔2026〕6号',
      sourceUrl: null,
      sourceNote: LOCAL_SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-11-16T10:00:00+08:00',
      details: { docNumber: '镇人社规〔2026〕6号', issuer: '镇江市人力资源和社会保障局 镇江市财政局', issuedOn: '2026-11-13' },
    },
  ];
  return items;
}

export function interpretationSeeds(_now: Date): SeedItem[] {
  const items: InterpretationSeed[] = [
    {
      kind: 'interpretation',
      slug: 'interp-js-minimum-wage-2025',
      title: '江苏省最低工资标准调整政策问答',
      summary: '以问答形式解读苏人社规〔2025〕3号：调整了多少、哪些收入不计入最低工资、非全日制用工如何适用、遇到违规怎么办。',
      body: `## 解读要点

- 一类地区月最低工资标准调整为**2660元**，比上一标准（2490元）提高170元；
- 加班工资、特殊岗位津贴、法定福利和个人缴纳的住房公积金**不计入**最低工资；
- 全日制用工适用月标准，非全日制用工适用小时标准。

详细问答见下文。`,
      topics: ['policy_interpretation', 'wage_standard'],
      districts: [],
      audiences: ['individual', 'enterprise', 'employer'],
      department: '劳动关系处',
      policyBasis: '苏人社规〔2025〕3号',
      sourceUrl: null,
      sourceNote: '解读依据本平台已核实的文件要点编写；镇江市适用的地区类别、其他类别标准和执行日期尚未核实。',
      isSample: true,
      status: 'published',
      publishedAt: '2025-12-31T16:00:00+08:00',
      details: {
        policySlug: 'policy-js-minimum-wage-2025',
        form: 'qa',
        qa: [
          {
            question: '这次最低工资标准调整了多少？',
            answer: '一类地区月最低工资标准由2490元调整为2660元，提高170元。二类、三类地区标准和小时最低工资标准请以文件原文为准。',
          },
          {
            question: '哪些收入不计入最低工资？',
            answer:
              '延长工作时间的工资，中班、夜班、高温、低温、井下、有毒有害等特殊条件下的津贴，法律法规和国家规定的福利待遇，以及劳动者个人缴纳的住房公积金，都不计入最低工资。',
          },
          {
            question: '镇江各辖市区执行哪一类标准？',
            answer: '按文件附件的地区类别划分执行。镇江市转发文件公布后，本平台将同步更新各辖市区适用的标准，您也可以拨打12333咨询。',
          },
          {
            question: '非全日制用工怎么适用最低工资标准？',
            answer: '非全日制用工按小时计酬，用人单位支付的小时工资不得低于当地非全日制用工小时最低工资标准。',
          },
          {
            question: '单位支付的工资低于最低工资标准怎么办？',
            answer: '劳动者在法定工作时间内提供了正常劳动，单位支付的工资低于当地标准的，可以拨打12333咨询，或向所在地劳动保障监察机构投诉举报，也可以申请劳动争议调解或仲裁。',
          },
        ],
      },
    },
    {
      kind: 'interpretation',
      slug: 'interp-zj-youth-employment-2026',
      title: '《关于进一步做好2026年高校毕业生等青年就业创业工作的通知》政策解读',
      summary: '解读2026年我市支持高校毕业生等青年就业创业的主要措施，包括企业吸纳补贴、创业扶持、就业见习和困难帮扶。',
      body: `## 出台背景

高校毕业生等青年就业关系千家万户。为落实就业优先战略，市人力资源和社会保障局会同市财政局制定了本通知。

## 主要内容

通知从**拓宽就业渠道、支持自主创业、强化就业服务、加强困难帮扶**四个方面提出7条措施，并推行“免申即享”“直补快办”。

常见问题解答见下文。`,
      topics: ['policy_interpretation', 'employment_subsidy'],
      districts: [],
      audiences: ['graduate', 'enterprise', 'employer'],
      department: '就业促进和失业保险处',
      policyBasis: '镇人社发〔2026〕15号',
      sourceUrl: null,
      sourceNote: LOCAL_SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-05-14T15:00:00+08:00',
      details: {
        policySlug: 'policy-zj-youth-employment-2026',
        form: 'qa',
        qa: [
          {
            question: '企业招用高校毕业生可以享受哪些补贴？',
            answer: '企业招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同并缴纳失业保险费的，可享受一次性吸纳就业补贴；符合条件的还可“免申即享”。',
          },
          {
            question: '高校毕业生自主创业有哪些支持？',
            answer: '毕业5年内高校毕业生首次创业、正常经营满1年的，可申请一次性创业补贴；需要资金的，可申请创业担保贷款并享受财政贴息。',
          },
          {
            question: '离校未就业的毕业生怎样获得就业服务？',
            answer: '可到户籍地或居住地公共就业服务机构进行实名登记，获得职业指导、岗位推荐、就业见习和职业培训等服务。',
          },
          {
            question: '困难家庭毕业生有什么帮扶措施？',
            answer: '对低保家庭、脱贫家庭、零就业家庭和残疾等困难毕业生建立帮扶台账，实施“一人一档”“一人一策”帮扶，并按规定发放求职创业补贴。',
          },
        ],
      },
    },
    {
      kind: 'interpretation',
      slug: 'interp-zj-internship-subsidy-2026',
      title: '《关于调整就业见习补贴标准的通知》政策解读',
      summary: '就业见习补贴标准调整为当地月最低工资标准的60%，留用率达50%以上的见习基地提高到70%，自2026年10月1日起执行。',
      body: `## 为什么调整

随着最低工资标准提高，见习人员基本生活费相应增加。调整见习补贴标准，可以减轻见习基地负担，鼓励更多单位提供见习岗位。

## 调整了什么

- 基本补贴标准为当地月最低工资标准的**60%**；
- 见习期满留用率达到**50%**以上的，提高到**70%**。

常见问题解答见下文。`,
      topics: ['policy_interpretation', 'employment_subsidy'],
      districts: [],
      audiences: ['graduate', 'employer', 'enterprise'],
      department: '就业促进和失业保险处',
      policyBasis: '镇人社发〔2026〕41号',
      sourceUrl: null,
      sourceNote: LOCAL_SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: '2026-09-10T16:00:00+08:00',
      details: {
        policySlug: 'policy-zj-internship-subsidy-2026',
        form: 'qa',
        qa: [
          {
            question: '新标准从什么时候开始执行？',
            answer: '自2026年10月1日起执行。此前已开始见习、10月1日后仍在见习期内的，从2026年10月起按新标准计发。',
          },
          {
            question: '留用率怎么计算？',
            answer: '留用率是见习期满后与见习基地签订劳动合同的人数占同期见习期满人数的比例。',
          },
          {
            question: '见习补贴可以用在哪些方面？',
            answer: '用于支付见习人员基本生活费、办理人身意外伤害保险，以及对见习人员的指导管理费用。',
          },
        ],
      },
    },
    {
      kind: 'interpretation',
      slug: 'interp-zj-skills-training-subsidy-2026',
      title: '《镇江市职业技能培训补贴管理办法》政策解读',
      summary: '解读职业技能培训补贴的对象、标准、申领程序和资金监管要求。',
      body: `## 制定目的

为规范职业技能培训补贴管理、提高资金使用效益，市人力资源和社会保障局会同市财政局制定了本办法。

## 主要内容

办法共五章八条，明确了补贴对象和标准、网上申领程序以及对定点培训机构的监督管理要求，自2027年1月1日起施行。

常见问题解答见下文。`,
      topics: ['policy_interpretation', 'employment_subsidy'],
      districts: [],
      audiences: ['individual', 'enterprise'],
      department: '职业能力建设处',
      policyBasis: '镇人社规〔2026〕6号',
      sourceUrl: null,
      sourceNote: `${LOCAL_SAMPLE_NOTE}该解读故意保持在审核中，用于演示政策解读超过3个工作日未发布的提醒。`,
      isSample: true,
      status: 'in_review',
      publishedAt: null,
      details: {
        policySlug: 'policy-zj-skills-training-subsidy-2026',
        form: 'qa',
        qa: [
          { question: '哪些人可以申请职业技能培训补贴？', answer: '在法定劳动年龄内、有培训需求的城乡各类劳动者，以及组织职工培训的企业。' },
          { question: '同一个工种可以重复享受补贴吗？', answer: '同一职业（工种）同一等级只能享受一次补贴，每人每年原则上不超过3次。' },
          { question: '怎么申请补贴？', answer: '劳动者本人或定点培训机构通过江苏智慧人社APP在线申请，人社部门审核公示后拨付资金。' },
        ],
      },
    },
  ];
  return items;
}
