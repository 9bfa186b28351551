import { Descriptions } from 'antd';
import { GUIDE_THEME_NAMES, MATERIAL_FORM_NAMES } from '@zj/shared';

/** Chinese labels of the `details` fields of every kind (shared/src/content.ts); unknown keys show as they are. */
const LABELS: Record<string, string> = {
  conditions: '条件',
  eligibility: '资格规则',
  amount: '补贴标准',
  applicationWindow: '受理时间',
  opensOn: '开始',
  closesOn: '截止',
  note: '说明',
  channels: '办理渠道',
  type: '类型',
  name: '名称',
  address: '地址',
  url: '网址',
  materials: '材料',
  steps: '办理流程',
  payoutBatches: '发放批次',
  category: '类别',
  validUntil: '有效期至',
  docNumber: '文号',
  issuer: '发文机关',
  issuedOn: '成文日期',
  policySlug: '所解读政策',
  form: '形式',
  qa: '问答',
  question: '问',
  answer: '答',
  theme: '服务领域',
  count: '份数',
  locations: '办理地点',
  window: '窗口',
  hours: '办公时间',
  phone: '电话',
  mapQuery: '地图搜索',
  onlineChannels: '网上办理渠道',
  timeLimit: '办理时限',
  statutory: '法定时限',
  promised: '承诺时限',
  fees: '收费标准',
  legalBasis: '设定依据',
  law: '法规',
  article: '条款',
  provision: '规定',
};

/** Names of the code values the forms offer (channel types, notice categories, …). */
const VALUES: Record<string, string> = {
  ...GUIDE_THEME_NAMES,
  ...MATERIAL_FORM_NAMES,
  online: '网上办理',
  hall: '窗口办理',
  phone: '电话',
  website: '网站',
  app: 'App',
  wechat: '微信',
  general: '一般公告',
  campaign: '专项活动',
  budget: '预决算公开',
  hotline: '服务热线',
  qa: '问答',
  article: '文字解读',
  chart: '图解',
  video: '视频',
};

const label = (key: string) => LABELS[key] ?? key;
const ORDER = Object.keys(LABELS);
/** Fields in the order of the forms (the database keeps JSON keys in its own order). */
const ordered = (o: object) => Object.entries(o).sort(([a], [b]) => (ORDER.indexOf(a) + 1 || 999) - (ORDER.indexOf(b) + 1 || 999));

/** Fields whose values are codes, shown by name. */
const CODED = new Set(['type', 'category', 'form', 'theme']);

function inline(value: unknown, key = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => inline(v)).join('、');
  if (typeof value === 'object') {
    const parts = ordered(value)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${label(k)}：${inline(v, k)}`);
    return parts.length === 0 ? '—' : parts.join('；');
  }
  return typeof value === 'string' && CODED.has(key) ? (VALUES[value] ?? value) : String(value);
}

function Value({ value, name }: { value: unknown; name: string }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="zj-muted">（无）</span>;
    return (
      <ol className="zj-detail-list">
        {value.map((v, i) => <li key={i}>{inline(v)}</li>)}
      </ol>
    );
  }
  return <>{inline(value, name)}</>;
}

/** A content item's kind-specific fields, readable by a reviewer (not JSON). */
export function DetailsView({ details }: { details: unknown }) {
  const entries = details && typeof details === 'object' ? ordered(details) : [];
  return (
    <Descriptions bordered size="small" column={1} data-testid="details-view" styles={{ label: { width: 120 } }}>
      {entries.map(([key, value]) => (
        <Descriptions.Item key={key} label={label(key)}>
          <Value value={value} name={key} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
