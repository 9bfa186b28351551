import type { SeedItem } from './seed-item';
import { atFrom, dayFrom, yearFrom } from './relative-dates';

type RecruitmentSeed = Extract<SeedItem, { kind: 'recruitment' }>;
type Position = RecruitmentSeed['details']['positions'][number];

const SAMPLE_NOTE =
  '示例数据：招聘单位、岗位、人数和时间安排均为演示而编写，不是镇江市已发布的招聘公告。报名和考试时间按系统首次启动的时间推算，用于展示“即将报名/正在报名/报名已截止”等状态。';

/** 'YYYY-MM-DD' → 'YYYY年M月D日'. */
function cnDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function positionTable(positions: Position[]): string {
  const rows = positions.map(
    (p) => `| ${p.code} | ${p.title} | ${p.count} | ${p.education} | ${p.major} | ${p.ageLimit ?? '不限'} | ${p.requirements} |`,
  );
  return ['| 岗位代码 | 岗位名称 | 招聘人数 | 学历要求 | 专业要求 | 年龄要求 | 其他条件 |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

interface InstitutionNotice {
  intro: string;
  positions: Position[];
  registrationFrom: string;
  registrationTo: string;
  examOn: string;
  where: string;
}

/** The usual structure of a 事业单位公开招聘公告. */
function institutionBody(n: InstitutionNotice): string {
  const total = n.positions.reduce((sum, p) => sum + p.count, 0);
  return `${n.intro}本次共招聘工作人员${total}名，现将有关事项公告如下。

## 一、招聘岗位

${positionTable(n.positions)}

## 二、报考条件

1. 具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行；
2. 具有岗位所需的学历、专业和其他资格条件；
3. 具有适应岗位要求的身体条件；
4. 年龄要求见岗位表，年龄计算以报名开始之日为准（如“35周岁以下”指报名开始之日未满36周岁）。

曾因犯罪受过刑事处罚、被开除公职、在各级公务员招考和事业单位公开招聘中被认定有严重违纪违规行为且在禁考期内的人员，以及法律法规规定不得聘用的其他情形人员，不得报考。

## 三、报名方式

报名采取网上报名方式，报名时间为**${cnDate(n.registrationFrom)}9:00至${cnDate(n.registrationTo)}17:00**。每人限报一个岗位。报考人员须如实填写报名信息，提交的材料不真实的，一经查实即取消报考或聘用资格。

## 四、考试

笔试时间为**${cnDate(n.examOn)}**，地点为${n.where}，具体以准考证为准。笔试后按岗位招聘人数1:3的比例确定资格复审和面试人选。

## 五、体检、考察和公示

根据总成绩由高分到低分确定体检和考察人选。体检、考察合格的确定为拟聘用人员，在镇江市人力资源和社会保障局网站公示7个工作日。

## 六、咨询方式

政策咨询可拨打 12333 人社服务热线，岗位专业等问题请咨询招聘单位主管部门。`;
}

export function recruitmentSeeds(now: Date): SeedItem[] {
  const cityPositions: Position[] = [
    {
      code: '2601',
      title: '综合管理',
      count: 2,
      education: '本科及以上',
      major: '汉语言文学、新闻学、行政管理',
      ageLimit: '35周岁以下',
      requirements: '取得相应学位，具有2年以上工作经历',
    },
    { code: '2602', title: '财务会计', count: 1, education: '本科及以上', major: '会计学、财务管理、审计学', ageLimit: '35周岁以下', requirements: '取得相应学位' },
    {
      code: '2603',
      title: '信息技术',
      count: 1,
      education: '本科及以上',
      major: '计算机科学与技术、软件工程、网络工程',
      ageLimit: '35周岁以下',
      requirements: '取得相应学位，2026届毕业生可报考',
    },
    { code: '2604', title: '劳动保障监察', count: 2, education: '本科及以上', major: '法学', ageLimit: '35周岁以下', requirements: '需经常外出开展执法检查' },
  ];

  const jurongPositions: Position[] = [
    { code: 'JR01', title: '镇（街道）农业服务', count: 2, education: '本科及以上', major: '农学、园艺、植物保护', ageLimit: '35周岁以下', requirements: '取得相应学位' },
    { code: 'JR02', title: '文化旅游服务', count: 1, education: '本科及以上', major: '旅游管理、文化产业管理', ageLimit: '35周岁以下', requirements: '取得相应学位' },
    { code: 'JR03', title: '社会保障服务', count: 2, education: '大专及以上', major: '劳动与社会保障、社会工作', ageLimit: '35周岁以下', requirements: '句容市户籍或生源' },
  ];

  const healthOpen = dayFrom(now, -20);
  const healthClose = dayFrom(now, -6);
  const healthExam = dayFrom(now, 9);
  const healthPositions: Position[] = [
    { code: 'W01', title: '临床医师', count: 5, education: '本科及以上', major: '临床医学', ageLimit: '35周岁以下', requirements: '取得执业医师资格证书' },
    { code: 'W02', title: '护士', count: 8, education: '大专及以上', major: '护理、护理学', ageLimit: '30周岁以下', requirements: '取得护士执业资格证书' },
    { code: 'W03', title: '医学检验', count: 2, education: '本科及以上', major: '医学检验技术', ageLimit: '35周岁以下', requirements: '取得检验专业初级（士）及以上资格' },
  ];

  const teacherOpen = dayFrom(now, -4);
  const teacherClose = dayFrom(now, 4);
  const teacherExam = dayFrom(now, 25);
  const teacherPositions: Position[] = [
    { code: 'J01', title: '小学语文教师', count: 6, education: '本科及以上', major: '汉语言文学、小学教育', ageLimit: '35周岁以下', requirements: '具有小学及以上语文学科教师资格证书' },
    { code: 'J02', title: '初中数学教师', count: 4, education: '本科及以上', major: '数学与应用数学', ageLimit: '35周岁以下', requirements: '具有初中及以上数学学科教师资格证书' },
    { code: 'J03', title: '高中物理教师', count: 2, education: '硕士研究生及以上', major: '物理学、学科教学（物理）', ageLimit: '35周岁以下', requirements: '具有高中物理学科教师资格证书' },
  ];

  const xinquOpen = dayFrom(now, 10);
  const xinquClose = dayFrom(now, 14);
  const xinquExam = dayFrom(now, 38);
  const xinquPositions: Position[] = [
    { code: 'X01', title: '产业服务', count: 2, education: '本科及以上', major: '经济学、国际经济与贸易、金融学', ageLimit: '35周岁以下', requirements: '取得相应学位' },
    { code: 'X02', title: '安全生产监管', count: 1, education: '本科及以上', major: '安全工程、化学工程与工艺', ageLimit: '35周岁以下', requirements: '需到企业现场开展检查' },
    { code: 'X03', title: '规划建设', count: 1, education: '本科及以上', major: '城乡规划、土木工程', ageLimit: '35周岁以下', requirements: '取得相应学位' },
  ];

  const talentOpen = dayFrom(now, 20);
  const talentClose = dayFrom(now, 50);
  const talentPositions: Position[] = [
    {
      code: 'R01',
      title: '智能制造方向研究人员',
      count: 3,
      education: '博士研究生',
      major: '机械工程、控制科学与工程',
      ageLimit: '40周岁以下',
      requirements: '以第一作者发表本专业领域高水平论文或主持过省部级以上科研项目',
    },
    { code: 'R02', title: '新材料方向研究人员', count: 2, education: '博士研究生', major: '材料科学与工程、化学', ageLimit: '40周岁以下', requirements: '具有相关领域研发经历' },
    { code: 'R03', title: '临床医学学科带头人', count: 2, education: '博士研究生', major: '临床医学', ageLimit: '45周岁以下', requirements: '具有副高级及以上专业技术职称' },
  ];

  const examOpen = dayFrom(now, -25);
  const examClose = dayFrom(now, -12);
  const examDay = dayFrom(now, 12);
  const examYear = yearFrom(now, 12);

  const items: RecruitmentSeed[] = [
    {
      kind: 'recruitment',
      slug: 'recruit-city-institutions-2026',
      title: '镇江市市属事业单位2026年集中公开招聘工作人员公告',
      summary: '2026年镇江市市属事业单位集中公开招聘工作人员6名，报名时间为3月2日至3月6日，笔试于3月28日举行。',
      body: institutionBody({
        intro: '根据《事业单位人事管理条例》和江苏省事业单位公开招聘有关规定，经研究，镇江市市属事业单位2026年集中公开招聘工作人员。',
        positions: cityPositions,
        registrationFrom: '2026-03-02',
        registrationTo: '2026-03-06',
        examOn: '2026-03-28',
        where: '镇江市区',
      }),
      topics: ['institution_recruitment'],
      districts: [],
      audiences: ['individual', 'graduate'],
      department: '事业单位人事管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '示例数据：岗位、人数和时间安排均为演示而编写，不是镇江市已发布的招聘公告。',
      isSample: true,
      status: 'published',
      publishedAt: '2026-02-20T10:00:00+08:00',
      details: {
        category: 'institution',
        organiser: '镇江市人力资源和社会保障局',
        registrationOpensAt: '2026-03-02T09:00:00+08:00',
        registrationClosesAt: '2026-03-06T17:00:00+08:00',
        examOn: '2026-03-28',
        finishesOn: '2026-06-30',
        registrationUrl: null,
        contact: '12333人社服务热线',
        positions: cityPositions,
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-jurong-institutions-2025',
      title: '句容市2025年下半年事业单位公开招聘工作人员公告',
      summary: '句容市所属事业单位公开招聘工作人员5名，报名时间为2025年10月13日至10月17日，笔试于11月8日举行。',
      body: institutionBody({
        intro: '根据工作需要，经句容市人力资源和社会保障局同意，句容市所属事业单位面向社会公开招聘工作人员。',
        positions: jurongPositions,
        registrationFrom: '2025-10-13',
        registrationTo: '2025-10-17',
        examOn: '2025-11-08',
        where: '句容市',
      }),
      topics: ['institution_recruitment'],
      districts: ['jurong'],
      audiences: ['individual', 'graduate'],
      department: '事业单位人事管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '示例数据：岗位、人数和时间安排均为演示而编写，不是句容市已发布的招聘公告。',
      isSample: true,
      status: 'published',
      publishedAt: '2025-09-30T10:00:00+08:00',
      details: {
        category: 'institution',
        organiser: '句容市人力资源和社会保障局',
        registrationOpensAt: '2025-10-13T09:00:00+08:00',
        registrationClosesAt: '2025-10-17T17:00:00+08:00',
        examOn: '2025-11-08',
        finishesOn: '2026-01-31',
        registrationUrl: null,
        contact: '句容市人力资源和社会保障局',
        positions: jurongPositions,
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-health-institutions',
      title: `${yearFrom(now, -20)}年镇江市卫生健康委员会所属事业单位公开招聘专业技术人员公告`,
      summary: `镇江市卫生健康委员会所属事业单位公开招聘医疗、护理、检验等专业技术人员15名，报名已于${cnDate(healthClose)}截止，笔试定于${cnDate(healthExam)}举行。`,
      body: institutionBody({
        intro: '为满足医疗卫生事业发展需要，经镇江市人力资源和社会保障局同意，镇江市卫生健康委员会所属事业单位面向社会公开招聘专业技术人员。',
        positions: healthPositions,
        registrationFrom: healthOpen,
        registrationTo: healthClose,
        examOn: healthExam,
        where: '镇江市区',
      }),
      topics: ['institution_recruitment'],
      districts: ['jingkou', 'runzhou'],
      audiences: ['individual', 'graduate', 'professional'],
      department: '事业单位人事管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: atFrom(now, -27, '10:00'),
      details: {
        category: 'institution',
        organiser: '镇江市卫生健康委员会',
        registrationOpensAt: `${healthOpen}T09:00:00+08:00`,
        registrationClosesAt: `${healthClose}T17:00:00+08:00`,
        examOn: healthExam,
        finishesOn: dayFrom(now, 45),
        registrationUrl: null,
        contact: '招聘单位人事部门（电话见岗位表附件）',
        positions: healthPositions,
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-danyang-teachers',
      title: `${yearFrom(now, -4)}年丹阳市教育系统公开招聘教师公告`,
      summary: `丹阳市教育系统公开招聘中小学教师12名，报名时间为${cnDate(teacherOpen)}至${cnDate(teacherClose)}。`,
      body: institutionBody({
        intro: '为加强教师队伍建设，经丹阳市人力资源和社会保障局同意，丹阳市教育局所属学校面向社会公开招聘教师。',
        positions: teacherPositions,
        registrationFrom: teacherOpen,
        registrationTo: teacherClose,
        examOn: teacherExam,
        where: '丹阳市',
      }),
      topics: ['institution_recruitment'],
      districts: ['danyang'],
      audiences: ['individual', 'graduate', 'professional'],
      department: '事业单位人事管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: atFrom(now, -10, '10:00'),
      details: {
        category: 'institution',
        organiser: '丹阳市教育局',
        registrationOpensAt: `${teacherOpen}T09:00:00+08:00`,
        registrationClosesAt: `${teacherClose}T17:00:00+08:00`,
        examOn: teacherExam,
        finishesOn: dayFrom(now, 70),
        registrationUrl: null,
        contact: '丹阳市教育局人事科',
        positions: teacherPositions,
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-xinqu-institutions',
      title: `镇江新区所属事业单位${yearFrom(now, 10)}年公开招聘工作人员公告`,
      summary: `镇江新区所属事业单位公开招聘工作人员4名，报名将于${cnDate(xinquOpen)}开始，请有意报考的人员提前做好准备。`,
      body: institutionBody({
        intro: '根据工作需要，经镇江市人力资源和社会保障局同意，镇江新区所属事业单位面向社会公开招聘工作人员。',
        positions: xinquPositions,
        registrationFrom: xinquOpen,
        registrationTo: xinquClose,
        examOn: xinquExam,
        where: '镇江新区',
      }),
      topics: ['institution_recruitment'],
      districts: ['xinqu'],
      audiences: ['individual', 'graduate'],
      department: '事业单位人事管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: atFrom(now, -3, '10:00'),
      details: {
        category: 'institution',
        organiser: '镇江新区党政办公室（人力资源和社会保障局）',
        registrationOpensAt: `${xinquOpen}T09:00:00+08:00`,
        registrationClosesAt: `${xinquClose}T17:00:00+08:00`,
        examOn: xinquExam,
        finishesOn: dayFrom(now, 90),
        registrationUrl: null,
        contact: '镇江新区人力资源和社会保障部门',
        positions: xinquPositions,
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-high-level-talent',
      title: `镇江市${yearFrom(now, 20)}年事业单位引进高层次紧缺人才公告`,
      summary: `镇江市事业单位面向海内外引进智能制造、新材料、临床医学等领域高层次紧缺人才7名，报名将于${cnDate(talentOpen)}开始，采取考核方式招聘。`,
      body: `为深入实施人才强市战略，加快集聚产业发展急需的高层次人才，镇江市事业单位面向海内外公开引进高层次紧缺人才。

## 一、引进岗位

${positionTable(talentPositions)}

## 二、引进方式

本次引进采取**直接考核**方式，不组织笔试。报名时间为${cnDate(talentOpen)}至${cnDate(talentClose)}，资格审查合格的，由用人单位组织专业能力考核和面试。

## 三、待遇保障

引进人才纳入事业编制管理，按规定享受镇江市人才安居、子女入学、配偶就业等服务保障，并可按规定申报市级人才项目。

## 四、报名方式

请将报名表、学历学位证书、主要科研成果等材料发送至用人单位指定邮箱，邮件主题注明“姓名+岗位代码”。

## 五、咨询方式

人才政策咨询可拨打 12333 人社服务热线，岗位具体要求请咨询用人单位。`,
      topics: ['talent_project', 'institution_recruitment'],
      districts: [],
      audiences: ['professional', 'graduate'],
      department: '人才开发和流动管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: atFrom(now, -2, '10:00'),
      details: {
        category: 'talent_project',
        organiser: '镇江市人力资源和社会保障局',
        registrationOpensAt: `${talentOpen}T09:00:00+08:00`,
        registrationClosesAt: `${talentClose}T17:00:00+08:00`,
        examOn: null,
        finishesOn: dayFrom(now, 120),
        registrationUrl: null,
        contact: '各用人单位人事部门',
        positions: talentPositions,
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-constructor-exam',
      title: `${examYear}年度二级建造师执业资格考试镇江考区考务通知`,
      summary: `${examYear}年度二级建造师执业资格考试镇江考区报名已于${cnDate(examClose)}截止，考试定于${cnDate(examDay)}举行，请考生及时打印准考证。`,
      body: `## 考试时间

${cnDate(examDay)}，具体科目安排以准考证为准。

## 报名情况

网上报名时间为${cnDate(examOpen)}至${cnDate(examClose)}，现已截止。报名成功的考生请在考前一周登录报名网站打印准考证。

## 考生须知

1. 考生须携带准考证和有效居民身份证原件参加考试，两证缺一不得入场；
2. 开考30分钟后不得入场，考试期间不得提前交卷离场；
3. 严禁携带手机、智能手表等各类通讯工具和电子设备进入考场；
4. 考生应自觉遵守考场纪律，违纪违规行为将按《专业技术人员资格考试违纪违规行为处理规定》处理。

## 咨询方式

考务咨询：镇江市人事考试中心；政策咨询：12333 人社服务热线。`,
      topics: ['qualification_exam'],
      districts: [],
      audiences: ['professional', 'individual'],
      department: '考试中心',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: SAMPLE_NOTE,
      isSample: true,
      status: 'published',
      publishedAt: atFrom(now, -32, '10:00'),
      details: {
        category: 'qualification_exam',
        organiser: '镇江市人事考试中心',
        registrationOpensAt: `${examOpen}T09:00:00+08:00`,
        registrationClosesAt: `${examClose}T17:00:00+08:00`,
        examOn: examDay,
        finishesOn: null,
        registrationUrl: null,
        contact: '镇江市人事考试中心',
        positions: [],
      },
    },
    {
      kind: 'recruitment',
      slug: 'recruit-title-review-engineering-2025',
      title: '2025年度镇江市工程技术中级职称评审申报工作的通知',
      summary: '2025年度镇江市工程技术中级职称评审申报于9月1日至9月30日进行，评审结果已于年底前公示。',
      body: `## 申报范围

在镇江市行政区域内企事业单位从事工程技术工作的专业技术人员，符合相应学历、资历条件的，可申报工程技术中级职称。

## 申报条件

- 具备博士学位；
- 或具备硕士学位，取得助理工程师资格后从事本专业技术工作满2年；
- 或具备大学本科、大专学历，取得助理工程师资格后从事本专业技术工作满4年。

## 申报时间和方式

申报时间为2025年9月1日至9月30日。申报人通过江苏省职称评审服务平台在线申报，经所在单位公示、审核后报送评审委员会。

## 评审结果

评审结果经公示无异议后，由评审委员会发文确认，申报人可在江苏省职称评审服务平台查询和下载电子职称证书。`,
      topics: ['title_review'],
      districts: [],
      audiences: ['professional'],
      department: '专业技术人员管理处',
      policyBasis: null,
      sourceUrl: null,
      sourceNote: '示例数据：申报时间和条件为演示而编写，未与镇江市已发布的职称评审通知核对。',
      isSample: true,
      status: 'published',
      publishedAt: '2025-08-20T10:00:00+08:00',
      details: {
        category: 'title_review',
        organiser: '镇江市工程技术中级职称评审委员会',
        registrationOpensAt: '2025-09-01T09:00:00+08:00',
        registrationClosesAt: '2025-09-30T17:00:00+08:00',
        examOn: null,
        finishesOn: '2025-12-31',
        registrationUrl: null,
        contact: '镇江市人力资源和社会保障局专业技术人员管理处',
        positions: [],
      },
    },
  ];
  return items;
}
