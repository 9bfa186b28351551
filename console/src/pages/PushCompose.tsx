import { Alert, App, Button, Checkbox, Col, Empty, Form, Row, Select, Space, Spin, Statistic, Switch, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  CONTENT_KIND_NAMES,
  DryRun,
  MessageTemplateList,
  PUSH_CHANNEL_NAMES,
  PushDetail,
  PushPreview,
  PushView,
  type ChannelSpec,
  type MessageTemplateView,
  type PushChannel,
} from '@zj/shared';
import { ApiError, messageOf } from '../api';
import type { AdminItem } from '../content';
import { useApi } from '../session';
import { KeywordPreviewTable, reasonName, useReferences } from './pushes/common';
import { keywordRows, KeywordRowsEditor, keywordSources, type KeywordRow } from './pushes/keywords';

interface ChannelForm {
  enabled: boolean;
  templateId: string;
  keywords: KeywordRow[];
}

interface ComposeForm {
  contentId?: number;
  urgent: boolean;
  topics: string[];
  districts: string[];
  audiences: string[];
  template: ChannelForm;
  subscribe: ChannelForm;
}

/** A new push has no template yet: picking one fills its keywords from the template's default mapping. */
const INITIAL: ComposeForm = {
  urgent: false,
  topics: [],
  districts: [],
  audiences: [],
  template: { enabled: true, templateId: '', keywords: [] },
  subscribe: { enabled: false, templateId: '', keywords: [] },
};

function channelSpec(c: ChannelForm | undefined): ChannelSpec | null {
  if (!c?.enabled) return null;
  return { templateId: (c.templateId ?? '').trim(), keywords: keywordSources(c.keywords) };
}

/** The form as the API's PushInput. */
function toInput(v: ComposeForm) {
  return {
    contentId: v.contentId,
    urgent: v.urgent ?? false,
    topics: v.topics ?? [],
    districts: v.districts ?? [],
    audiences: v.audiences ?? [],
    template: channelSpec(v.template),
    subscribe: channelSpec(v.subscribe),
  };
}

function channelForm(message: PushView['template'], fallback: ChannelForm): ChannelForm {
  if (!message) return { ...fallback, enabled: false };
  return { enabled: true, templateId: message.templateId, keywords: keywordRows(message.keywords ?? {}) };
}

/**
 * The picker's options: the templates made for the push's topics first, then those for every topic, then
 * the rest (which the subscribers of these topics were never asked for); a stored id no longer configured
 * stays selectable so an old draft still shows what it uses.
 */
function templateOptions(templates: readonly MessageTemplateView[], topics: readonly string[], current: string | undefined) {
  const label = (t: MessageTemplateView) => `${t.title}（${t.templateId}）`;
  const option = (t: MessageTemplateView) => ({ value: t.templateId, label: label(t) });
  const forTopics = templates.filter((t) => t.topics.some((c) => topics.includes(c)));
  const general = templates.filter((t) => t.topics.length === 0);
  const others = templates.filter((t) => !forTopics.includes(t) && !general.includes(t));
  const groups = [
    { label: '适用于所选主题', options: forTopics.map(option) },
    { label: '适用于全部主题', options: general.map(option) },
    { label: '其他主题的模板', options: others.map(option) },
  ].filter((g) => g.options.length > 0);
  if (current && !templates.some((t) => t.templateId === current)) groups.push({ label: '未在「消息模板」中配置', options: [{ value: current, label: current }] });
  return groups;
}

function ChannelEditor({ name, channel, templates }: { name: 'template' | 'subscribe'; channel: PushChannel; templates: readonly MessageTemplateView[] | null }) {
  const form = Form.useFormInstance<ComposeForm>();
  const enabled = Form.useWatch([name, 'enabled']) as boolean | undefined;
  const topics = (Form.useWatch('topics') as string[] | undefined) ?? [];
  const current = Form.useWatch([name, 'templateId']) as string | undefined;
  const mine = (templates ?? []).filter((t) => t.channel === channel);
  // A picked template brings its default mapping; the editor may still change each row.
  const pick = (templateId: string) => {
    const template = mine.find((t) => t.templateId === templateId);
    if (template) form.setFieldValue([name, 'keywords'], keywordRows(template.keywords));
  };
  return (
    <div className="zj-channel" data-testid={`channel-${name}`}>
      <div className="zj-channel-head">
        <Form.Item name={[name, 'enabled']} valuePropName="checked" noStyle>
          <Switch data-testid={`channel-${name}-enabled`} />
        </Form.Item>
        {PUSH_CHANNEL_NAMES[channel]}
        <span className="zj-muted">{channel === 'oa' ? '发给关注服务号的用户' : '发给在小程序中授权订阅的用户（每次授权可发一条）'}</span>
      </div>
      {enabled && (
        <>
          <Form.Item
            label="消息模板"
            name={[name, 'templateId']}
            rules={[{ required: true, message: '请选择消息模板' }]}
            extra={mine.length === 0 && templates !== null ? '还没有配置这个渠道的模板：请管理员在「消息模板」中添加' : undefined}
          >
            <Select
              placeholder="选择模板，关键词按模板的默认对应关系填好"
              loading={templates === null}
              options={templateOptions(mine, topics, current)}
              onChange={pick}
              showSearch
              optionFilterProp="label"
              data-testid={`channel-${name}-template`}
            />
          </Form.Item>
          {current ? <KeywordRowsEditor path={[name]} /> : null}
        </>
      )}
    </div>
  );
}

/** 新建/编辑推送: content, channels and keyword mapping, a live preview and a live recipient count. */
export default function PushCompose() {
  const { id } = useParams();
  const api = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ComposeForm>();
  const refs = useReferences();
  const [items, setItems] = useState<AdminItem[] | null>(null);
  const [templates, setTemplates] = useState<MessageTemplateView[] | null>(null);
  const [loaded, setLoaded] = useState(id === undefined);
  const [preview, setPreview] = useState<PushPreview | null>(null);
  const [count, setCount] = useState<DryRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    api.call<{ items: AdminItem[] }>('GET', '/content?status=published&limit=200').then((r) => setItems(r.items), (err) => { message.error(messageOf(err)); setItems([]); });
  }, [api, message]);

  useEffect(() => {
    api.call<unknown>('GET', '/pushes/templates').then((r) => setTemplates(MessageTemplateList.parse(r).items), (err) => { message.error(messageOf(err)); setTemplates([]); });
  }, [api, message]);

  // Editing: the stored draft back into the form.
  useEffect(() => {
    if (id === undefined) return;
    api.call<unknown>('GET', `/pushes/${id}`).then(
      (r) => {
        const { push } = PushDetail.parse(r);
        if (push.status !== 'draft') {
          message.warning('只有草稿可以编辑');
          navigate(`/pushes/${id}`, { replace: true });
          return;
        }
        form.setFieldsValue({
          contentId: push.contentId,
          urgent: push.urgent,
          topics: push.topics,
          districts: push.districts,
          audiences: push.audiences,
          template: channelForm(push.template, INITIAL.template),
          subscribe: channelForm(push.subscribe, INITIAL.subscribe),
        });
        setLoaded(true);
        refresh();
      },
      (err) => message.error(messageOf(err)),
    );
  }, [id]);

  /** Preview and dry run of the form as it is now; answers to older forms are dropped. */
  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const input = toInput(form.getFieldsValue(true) as ComposeForm);
      const mine = ++seq.current;
      if (input.contentId === undefined) return;
      Promise.all([api.call<unknown>('POST', '/pushes/preview', input), api.call<unknown>('POST', '/pushes/dry-run', input)]).then(
        ([p, d]) => {
          if (mine !== seq.current) return;
          setPreview(PushPreview.parse(p));
          setCount(DryRun.parse(d));
          setProblem(null);
        },
        (err) => {
          if (mine !== seq.current) return;
          setProblem(messageOf(err));
        },
      );
    }, 400);
  }, [api, form]);

  const onContent = (contentId: number) => {
    const item = items?.find((i) => i.id === contentId);
    // Targeting starts from the item's own topics, districts and audiences.
    if (item) form.setFieldsValue({ topics: item.topics, districts: item.districts, audiences: item.audiences });
  };

  const save = async (submit: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const input = toInput(form.getFieldsValue(true) as ComposeForm);
      const saved = PushView.parse(id === undefined ? await api.call('POST', '/pushes', input) : await api.call('PUT', `/pushes/${id}`, input));
      if (submit) await api.call('POST', `/pushes/${saved.id}/submit`, {});
      message.success(submit ? '已提交审核' : '草稿已保存');
      navigate(`/pushes/${saved.id}`);
    } catch (err) {
      message.error(err instanceof ApiError && err.code === 'push_keywords_invalid' ? `草稿已保存，但${err.message}` : messageOf(err));
      if (err instanceof ApiError && err.code === 'push_keywords_invalid' && id === undefined) navigate('/pushes');
    } finally {
      setBusy(false);
    }
  };

  if (!loaded) return <Spin className="zj-page-loading" />;
  const codeOptions = (list: { code: string; name: string }[]) => list.map((r) => ({ value: r.code, label: r.name }));

  return (
    <Form<ComposeForm> form={form} layout="vertical" initialValues={INITIAL} onValuesChange={refresh} data-testid="push-compose">
      <Row gutter={16}>
        <Col span={14}>
          <div className="zj-panel">
            <div className="zj-panel-title">{id === undefined ? '新建推送' : '编辑推送'}</div>
            <Form.Item label="推送的内容（已发布）" name="contentId" rules={[{ required: true, message: '请选择要推送的已发布内容' }]}>
              <Select
                showSearch
                placeholder="输入标题搜索已发布的内容"
                loading={items === null}
                optionFilterProp="label"
                onChange={onContent}
                options={(items ?? []).map((i) => ({ value: i.id, label: `${i.title}（${CONTENT_KIND_NAMES[i.kind]}）` }))}
                notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的已发布内容" />}
                data-testid="push-content"
              />
            </Form.Item>
            <Form.Item name="urgent" valuePropName="checked">
              <Checkbox>紧急推送（不受 22:00–08:00 免打扰时段限制）</Checkbox>
            </Form.Item>
            <ChannelEditor name="template" channel="oa" templates={templates} />
            <ChannelEditor name="subscribe" channel="mp" templates={templates} />
          </div>
          <div className="zj-panel">
            <div className="zj-panel-title">推送对象</div>
            <Form.Item label="主题（订阅了任一主题的用户）" name="topics" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个主题' }]}>
              <Select mode="multiple" placeholder="选择主题" options={codeOptions(refs.topics)} optionFilterProp="label" data-testid="push-topics" />
            </Form.Item>
            <Form.Item label="地区（不选为全市）" name="districts">
              <Select mode="multiple" placeholder="全市" options={codeOptions(refs.districts)} optionFilterProp="label" />
            </Form.Item>
            <Form.Item label="服务对象（不选为不限）" name="audiences">
              <Select mode="multiple" placeholder="不限" options={codeOptions(refs.audiences)} optionFilterProp="label" />
            </Form.Item>
          </div>
          <div className="zj-panel zj-form-actions">
            <Space>
              <Button onClick={() => save(false)} loading={busy} data-testid="push-save">保存草稿</Button>
              <Button type="primary" onClick={() => save(true)} loading={busy} data-testid="push-submit">保存并提交审核</Button>
              <Button onClick={() => navigate(id === undefined ? '/pushes' : `/pushes/${id}`)}>取消</Button>
            </Space>
          </div>
        </Col>
        <Col span={10}>
          <div className="zj-panel" data-testid="push-count">
            <div className="zj-panel-title">预计接收人数</div>
            {problem && <Alert type="warning" showIcon message={problem} className="zj-filters" />}
            {count ? <RecipientCount count={count} /> : <span className="zj-muted">选择内容和渠道后显示</span>}
          </div>
          <div className="zj-panel">
            <div className="zj-panel-title">微信中显示效果</div>
            {!preview && <span className="zj-muted">选择内容后显示每个关键词在微信中的样子</span>}
            {preview?.template && (
              <>
                <h4>{PUSH_CHANNEL_NAMES.oa}</h4>
                <KeywordPreviewTable rows={preview.template} testId="preview-template" />
              </>
            )}
            {preview?.subscribe && (
              <>
                <h4>{PUSH_CHANNEL_NAMES.mp}</h4>
                <KeywordPreviewTable rows={preview.subscribe} testId="preview-subscribe" />
              </>
            )}
          </div>
        </Col>
      </Row>
    </Form>
  );
}

/** The dry run: who each channel reaches, and how many are left out and why. */
export function RecipientCount({ count }: { count: DryRun }) {
  const channels = (['oa', 'mp'] as const).map((c) => ({ c, ...count[c] }));
  return (
    <div className="zj-count">
      {channels.map(({ c, eligible, excluded }) => (
        <div key={c} data-testid={`count-${c}`}>
          <Statistic title={PUSH_CHANNEL_NAMES[c]} value={eligible} suffix="人" />
          <div className="zj-count-reasons">
            {Object.entries(excluded).length === 0 ? (
              <span className="zj-muted">无排除</span>
            ) : (
              Object.entries(excluded).map(([reason, n]) => (
                <Tag key={reason}>
                  {reasonName(reason)}：{n} 人
                </Tag>
              ))
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
