import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Tabs, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  AUDIENCES,
  CONTENT_KIND_NAMES,
  CONTENT_KINDS,
  ContentInput,
  DISTRICTS,
  GUIDE_THEME_NAMES,
  GUIDE_THEMES,
  MATERIAL_FORM_NAMES,
  MATERIAL_FORMS,
  SEED_TOPICS,
  type ContentKind,
} from '@zj/shared';
import { ApiError, messageOf } from '../api';
import { Markdown } from '../Markdown';
import { useApi } from '../session';
import { useItem } from './ContentDetail';

type Path = Array<string | number>;

/** Kinds whose details have a structured form; the others are edited as JSON, checked by the same schema. */
const STRUCTURED = new Set<ContentKind>(['subsidy', 'notice', 'guide', 'policy', 'interpretation']);

const options = (list: readonly { code: string; name: string }[]) => list.map((d) => ({ value: d.code, label: d.name }));
const enumOptions = <T extends string>(values: readonly T[], names: Record<T, string>) => values.map((v) => ({ value: v, label: names[v] }));

/** A string[] field edited as one line per entry (the id comes from Form.Item, for its label). */
function Lines({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  return <Input.TextArea id={id} rows={4} value={(value ?? []).join('\n')} onChange={(e) => onChange?.(e.target.value.split('\n'))} />;
}

/** A YYYY-MM-DD (or null) field edited with the date picker. */
const dateField = {
  getValueProps: (v: string | null) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};
const nullIfEmpty = { normalize: (v: string) => (v === '' ? null : v) };

function LinesItem({ name, label, extra }: { name: Path; label: string; extra?: string }) {
  return (
    <Form.Item name={name} label={label} extra={extra ?? '每行一条'} rules={[{ required: true, message: `请填写${label}` }]}>
      <Lines />
    </Form.Item>
  );
}

/** A list of objects: one row of inputs per entry, with add/remove. */
function ObjectList({ name, label, fields, empty, optional }: { name: Path; label: string; fields: Array<{ key: string; label: string; node?: React.ReactNode; required?: boolean; nullable?: boolean; span?: number }>; empty: Record<string, unknown>; optional?: boolean }) {
  return (
    <Form.Item label={label} required={!optional}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Row gutter={8} key={row.key} align="top">
                {fields.map((f) => (
                  <Col span={f.span ?? Math.floor(22 / fields.length)} key={f.key}>
                    <Form.Item name={[row.name, f.key]} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []} {...(f.nullable ? nullIfEmpty : {})}>
                      {f.node ?? <Input placeholder={f.label} />}
                    </Form.Item>
                  </Col>
                ))}
                <Col span={2}>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label="删除此行" />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(empty)}>添加{label}</Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

function SubsidyFields() {
  return (
    <>
      <LinesItem name={['details', 'conditions']} label="申请条件" />
      <Form.Item name={['details', 'amount']} label="补贴标准" rules={[{ required: true, message: '请填写补贴标准' }]}>
        <Input placeholder="如：每人3000元" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={6}><Form.Item name={['details', 'applicationWindow', 'opensOn']} label="受理开始" {...dateField}><DatePicker className="zj-full" /></Form.Item></Col>
        <Col span={6}><Form.Item name={['details', 'applicationWindow', 'closesOn']} label="受理截止" {...dateField}><DatePicker className="zj-full" /></Form.Item></Col>
        <Col span={12}><Form.Item name={['details', 'applicationWindow', 'note']} label="受理时间说明"><Input placeholder="如：常年受理" /></Form.Item></Col>
      </Row>
      <ObjectList
        name={['details', 'channels']}
        label="办理渠道"
        empty={{ type: 'online', name: '', address: null, url: null }}
        fields={[
          { key: 'type', label: '类型', node: <Select options={[{ value: 'online', label: '网上办理' }, { value: 'hall', label: '窗口办理' }, { value: 'phone', label: '电话' }]} />, span: 4 },
          { key: 'name', label: '名称', required: true, span: 6 },
          { key: 'address', label: '地址（可选）', nullable: true, span: 6 },
          { key: 'url', label: '网址（可选）', nullable: true, span: 6 },
        ]}
      />
      <LinesItem name={['details', 'materials']} label="申请材料" />
      <LinesItem name={['details', 'steps']} label="办理流程" />
      <JsonItem name={['details', 'eligibility']} label="资格规则（自助测算用，JSON）" />
      <JsonItem name={['details', 'payoutBatches']} label="发放批次（JSON）" />
    </>
  );
}

function NoticeFields() {
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Form.Item name={['details', 'category']} label="公告类别" rules={[{ required: true, message: '请选择公告类别' }]}>
          <Select options={[{ value: 'general', label: '一般公告' }, { value: 'campaign', label: '专项活动' }, { value: 'budget', label: '预决算公开' }, { value: 'hotline', label: '服务热线' }]} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={['details', 'validUntil']} label="有效期至" extra="不填为长期有效" {...dateField}><DatePicker className="zj-full" /></Form.Item>
      </Col>
    </Row>
  );
}

function PolicyFields() {
  return (
    <Row gutter={16}>
      <Col span={8}><Form.Item name={['details', 'docNumber']} label="文号" rules={[{ required: true, message: '请填写文号' }]}><Input placeholder="镇人社发〔2026〕1号" /></Form.Item></Col>
      <Col span={8}><Form.Item name={['details', 'issuer']} label="发文机关" rules={[{ required: true, message: '请填写发文机关' }]}><Input /></Form.Item></Col>
      <Col span={8}><Form.Item name={['details', 'issuedOn']} label="成文日期" rules={[{ required: true, message: '请选择成文日期' }]} {...dateField}><DatePicker className="zj-full" /></Form.Item></Col>
    </Row>
  );
}

function InterpretationFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={12}><Form.Item name={['details', 'policySlug']} label="所解读政策的标识" rules={[{ required: true, message: '请填写所解读政策的标识' }]}><Input /></Form.Item></Col>
        <Col span={12}>
          <Form.Item name={['details', 'form']} label="解读形式">
            <Select options={[{ value: 'qa', label: '问答' }, { value: 'article', label: '文字解读' }, { value: 'chart', label: '图解' }, { value: 'video', label: '视频' }]} />
          </Form.Item>
        </Col>
      </Row>
      <ObjectList name={['details', 'qa']} label="问答" optional empty={{ question: '', answer: '' }} fields={[{ key: 'question', label: '问题', required: true, span: 10 }, { key: 'answer', label: '回答', required: true, span: 12 }]} />
    </>
  );
}

function GuideFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={8}><Form.Item name={['details', 'theme']} label="服务领域" rules={[{ required: true, message: '请选择服务领域' }]}><Select options={enumOptions(GUIDE_THEMES, GUIDE_THEME_NAMES)} /></Form.Item></Col>
        <Col span={8}><Form.Item name={['details', 'timeLimit', 'statutory']} label="法定时限" {...nullIfEmpty}><Input placeholder="如：20个工作日" /></Form.Item></Col>
        <Col span={8}><Form.Item name={['details', 'timeLimit', 'promised']} label="承诺时限" {...nullIfEmpty}><Input placeholder="如：即办" /></Form.Item></Col>
      </Row>
      <Form.Item name={['details', 'fees']} label="收费标准" rules={[{ required: true, message: '请填写收费标准' }]}><Input placeholder="不收费" /></Form.Item>
      <LinesItem name={['details', 'conditions']} label="办理条件" />
      <ObjectList
        name={['details', 'materials']}
        label="申请材料"
        empty={{ name: '', form: 'original', count: 1, note: null }}
        fields={[
          { key: 'name', label: '材料名称', required: true, span: 8 },
          { key: 'form', label: '形式', node: <Select options={enumOptions(MATERIAL_FORMS, MATERIAL_FORM_NAMES)} />, span: 5 },
          { key: 'count', label: '份数', node: <InputNumber min={1} className="zj-full" />, span: 3 },
          { key: 'note', label: '备注（可选）', nullable: true, span: 6 },
        ]}
      />
      <LinesItem name={['details', 'steps']} label="办理流程" />
      <ObjectList
        name={['details', 'locations']}
        label="办理地点"
        empty={{ name: '', window: null, address: null, hours: null, phone: null, mapQuery: null }}
        fields={[
          { key: 'name', label: '大厅名称', required: true, span: 5 },
          { key: 'window', label: '窗口', nullable: true, span: 3 },
          { key: 'address', label: '地址', nullable: true, span: 6 },
          { key: 'hours', label: '办公时间', nullable: true, span: 4 },
          { key: 'phone', label: '电话', nullable: true, span: 4 },
        ]}
      />
      <ObjectList
        name={['details', 'onlineChannels']}
        label="网上办理渠道"
        optional
        empty={{ type: 'website', name: '', url: null, note: null }}
        fields={[
          { key: 'type', label: '类型', node: <Select options={[{ value: 'website', label: '网站' }, { value: 'app', label: 'App' }, { value: 'wechat', label: '微信' }, { value: 'phone', label: '电话' }]} />, span: 4 },
          { key: 'name', label: '名称', required: true, span: 6 },
          { key: 'url', label: '网址（可选）', nullable: true, span: 6 },
          { key: 'note', label: '说明（可选）', nullable: true, span: 6 },
        ]}
      />
      <ObjectList
        name={['details', 'legalBasis']}
        label="设定依据"
        empty={{ law: '', article: null, provision: '' }}
        fields={[
          { key: 'law', label: '《法律法规》', required: true, span: 7 },
          { key: 'article', label: '条款（可选）', nullable: true, span: 4 },
          { key: 'provision', label: '规定内容', required: true, span: 11 },
        ]}
      />
    </>
  );
}

/** A JSON-valued field (parsed on save, then checked by the shared schema with the rest). */
function JsonItem({ name, label }: { name: Path; label: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      getValueProps={(v: unknown) => ({ value: typeof v === 'string' ? v : JSON.stringify(v ?? null, null, 2) })}
      rules={[{ validator: (_r, v: unknown) => { if (typeof v === 'string') { try { JSON.parse(v); } catch { return Promise.reject(new Error('不是有效的 JSON')); } } return Promise.resolve(); } }]}
    >
      <Input.TextArea rows={3} className="zj-code" />
    </Form.Item>
  );
}

const DETAIL_FIELDS: Partial<Record<ContentKind, () => React.ReactNode>> = {
  subsidy: SubsidyFields,
  notice: NoticeFields,
  guide: GuideFields,
  policy: PolicyFields,
  interpretation: InterpretationFields,
};

const EMPTY_DETAILS: Record<ContentKind, unknown> = {
  subsidy: { conditions: [], eligibility: [], amount: '', applicationWindow: { opensOn: null, closesOn: null, note: '' }, channels: [{ type: 'online', name: '', address: null, url: null }], materials: [], steps: [], payoutBatches: [] },
  notice: { category: 'general', validUntil: null },
  guide: { theme: 'employment', conditions: [], materials: [{ name: '', form: 'original', count: 1, note: null }], steps: [], locations: [{ name: '', window: null, address: null, hours: null, phone: null, mapQuery: null }], onlineChannels: [], timeLimit: { statutory: null, promised: null }, fees: '不收费', legalBasis: [{ law: '', article: null, provision: '' }] },
  policy: { docNumber: '', issuer: '镇江市人力资源和社会保障局', issuedOn: null },
  interpretation: { policySlug: '', form: 'qa', qa: [] },
  wage_standard: {},
  recruitment: {},
};

/** Drops blank lines of string lists and parses JSON fields, so the schema sees what the editor meant. */
function cleanDetails(details: unknown): unknown {
  if (typeof details === 'string') {
    try {
      return JSON.parse(details);
    } catch {
      return details;
    }
  }
  if (Array.isArray(details)) return details.every((d) => typeof d === 'string') ? details.map((d: string) => d.trim()).filter((d) => d !== '') : details.map(cleanDetails);
  if (details && typeof details === 'object') return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, cleanDetails(v)]));
  return details;
}

function showIssues(form: FormInstance, issues: Array<{ path: PropertyKey[]; message: string }>): string[] {
  const summary: string[] = [];
  const byField = new Map<string, { name: Path; errors: string[] }>();
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // A line of a one-per-line list reports on the list; JSON fields report on themselves.
    while (path.length > 0 && typeof path.at(-1) === 'number' && (form.getFieldValue(path.slice(0, -1)) as unknown[] | undefined)?.every?.((v) => typeof v === 'string')) path.pop();
    const key = JSON.stringify(path);
    if (path.length > 0) byField.set(key, { name: path, errors: [...(byField.get(key)?.errors ?? []), issue.message] });
    summary.push(path.length > 0 ? `${path.join('.')}：${issue.message}` : issue.message);
  }
  form.setFields([...byField.values()]);
  return summary;
}

/** 新建/编辑内容: common fields, the kind's structured details, Markdown body with a preview. */
export default function ContentEdit() {
  const { id } = useParams();
  // 群众未答问题 → 新建内容: the question the item is to answer.
  const [params] = useSearchParams();
  const api = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const { detail } = useItem(id);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const kind = (Form.useWatch('kind', form) as ContentKind | undefined) ?? detail?.item.kind ?? 'subsidy';
  const body = (Form.useWatch('body', form) as string | undefined) ?? '';

  useEffect(() => {
    if (detail) form.setFieldsValue({ ...detail.item, details: STRUCTURED.has(detail.item.kind) ? detail.item.details : JSON.stringify(detail.item.details, null, 2) });
  }, [detail, form]);
  if (id && !detail) return <div className="zj-panel">加载中…</div>;

  const save = async (values: Record<string, unknown>) => {
    const input = ContentInput.safeParse({ ...values, kind, details: cleanDetails(values.details) });
    if (!input.success) {
      setProblems(showIssues(form, input.error.issues));
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      const saved = detail
        ? await api.call<{ id: number }>('PUT', `/content/${detail.item.id}`, { expectedVersion: detail.item.version, item: input.data })
        : await api.call<{ id: number }>('POST', '/content', input.data);
      message.success('已保存');
      navigate(`/content/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) message.error('该内容已被他人修改，请刷新后重新编辑');
      else message.error(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  const initial = {
    kind: 'subsidy',
    slug: `item-${Date.now().toString(36)}`,
    title: params.get('question') ?? undefined,
    summary: '',
    body: '',
    topics: [],
    districts: [],
    audiences: [],
    department: '镇江市人力资源和社会保障局',
    policyBasis: null,
    sourceUrl: null,
    sourceNote: null,
    isSample: false,
    details: EMPTY_DETAILS.subsidy,
  };
  const Details = DETAIL_FIELDS[kind];

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={save} onFinishFailed={() => message.error('请检查表单中标红的内容')} scrollToFirstError>
      {problems.length > 0 && <Alert type="error" showIcon title="内容未通过校验，请修改后再保存" description={<ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} className="zj-filters" />}
      <div className="zj-panel">
        <div className="zj-panel-title">{detail ? `编辑：${detail.item.title}` : '新建内容'}</div>
        {detail?.item.status === 'in_review' && <Alert type="warning" showIcon className="zj-filters" title="该内容正在审核中，保存修改后将退回草稿，需要重新提交审核。" />}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="kind" label="内容类别" rules={[{ required: true }]}>
              <Select disabled={!!detail} options={enumOptions(CONTENT_KINDS, CONTENT_KIND_NAMES)} onChange={(k: ContentKind) => form.setFieldValue('details', STRUCTURED.has(k) ? EMPTY_DETAILS[k] : JSON.stringify(EMPTY_DETAILS[k], null, 2))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2, max: 120, message: '标题应为 2–120 个字' }]}>
              <Input placeholder="如：2026年灵活就业人员社会保险补贴" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="slug" label="标识（网址用）" rules={[{ required: true, message: '请填写标识' }, { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: '只能包含小写字母、数字和连字符' }]}>
              <Input disabled={!!detail} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="department" label="责任部门" rules={[{ required: true, message: '请填写责任部门' }]}><Input /></Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="policyBasis" label="政策依据（文号）" {...nullIfEmpty}><Input placeholder="可选" /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label="摘要" rules={[{ max: 500, message: '摘要不超过 500 字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="topics" label="主题"><Select mode="multiple" allowClear options={options(SEED_TOPICS)} placeholder="请选择" /></Form.Item></Col>
          <Col span={8}><Form.Item name="districts" label="适用地区" extra="不选为全市"><Select mode="multiple" allowClear options={options(DISTRICTS)} placeholder="全市" /></Form.Item></Col>
          <Col span={8}><Form.Item name="audiences" label="服务对象"><Select mode="multiple" allowClear options={options(AUDIENCES)} placeholder="请选择" /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="sourceUrl" label="来源网址" {...nullIfEmpty} rules={[{ type: 'url', message: '请输入有效网址' }]}><Input placeholder="可选" /></Form.Item></Col>
          <Col span={12}><Form.Item name="sourceNote" label="来源说明" {...nullIfEmpty}><Input placeholder="可选" /></Form.Item></Col>
          <Col span={4}><Form.Item name="isSample" label="示例数据" valuePropName="checked"><Switch checkedChildren="是" unCheckedChildren="否" /></Form.Item></Col>
        </Row>
      </div>
      <div className="zj-panel">
        <div className="zj-panel-title">正文（Markdown）</div>
        <Tabs
          items={[
            { key: 'edit', label: '编辑', forceRender: true, children: <Form.Item name="body" noStyle><Input.TextArea rows={10} placeholder="支持 Markdown：# 标题、- 列表、**加粗**、表格等" /></Form.Item> },
            { key: 'preview', label: '预览', children: <Markdown text={body} /> },
          ]}
        />
      </div>
      <div className="zj-panel">
        <div className="zj-panel-title">{CONTENT_KIND_NAMES[kind]}信息</div>
        {Details ? <Details /> : <JsonItem name={['details']} label="详细信息（JSON，按数据规范填写）" />}
        <Space className="zj-form-actions">
          <Button type="primary" htmlType="submit" loading={saving}>保存</Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </div>
    </Form>
  );
}
