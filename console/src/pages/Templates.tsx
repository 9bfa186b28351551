import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { KEYWORD_FIELD_NAMES, MessageTemplateList, PUSH_CHANNEL_NAMES, SUBSCRIBE_TEMPLATE_KIND_NAMES, type MessageTemplateView, type PushChannel } from '@zj/shared';
import { messageOf } from '../api';
import { useApi } from '../session';
import { keywordOrder, useReferences } from './pushes/common';
import { keywordRows, KeywordRowsEditor, keywordSources, type KeywordRow } from './pushes/keywords';
import './templates.css';

interface TemplateForm {
  channel: PushChannel;
  templateId: string;
  title: string;
  kind: 'one_time' | 'long_term' | null;
  topics: string[];
  keywords: KeywordRow[];
}

const EMPTY: TemplateForm = { channel: 'oa', templateId: '', title: '', kind: null, topics: [], keywords: [{ key: 'thing1', from: 'field', field: 'title' }] };

/**
 * 消息模板 (admins): the template ids the bureau's 服务号 and mini-program backends gave it, with the topics
 * each serves and the default mapping of its keywords, which compose and the automatic drafts start from.
 */
export default function Templates() {
  const api = useApi();
  const { message } = App.useApp();
  const refs = useReferences();
  const [items, setItems] = useState<MessageTemplateView[] | null>(null);
  const [editing, setEditing] = useState<{ existing: MessageTemplateView | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<TemplateForm>();
  const channel = Form.useWatch('channel', form);

  const load = useCallback(() => {
    api.call<unknown>('GET', '/pushes/templates').then((r) => setItems(MessageTemplateList.parse(r).items), (err) => message.error(messageOf(err)));
  }, [api, message]);
  useEffect(load, [load]);

  const open = (existing: MessageTemplateView | null) => {
    setEditing({ existing });
    form.setFieldsValue(existing ? { ...existing, keywords: keywordRows(existing.keywords) } : EMPTY);
  };

  const save = async (v: TemplateForm) => {
    setSaving(true);
    try {
      const body = { title: v.title, topics: v.topics ?? [], keywords: keywordSources(v.keywords), kind: v.channel === 'mp' ? v.kind : null };
      const existing = editing?.existing;
      if (existing) await api.call('PUT', `/pushes/templates/${existing.channel}/${encodeURIComponent(existing.templateId)}`, body);
      else await api.call('POST', '/pushes/templates', { ...body, channel: v.channel, templateId: v.templateId.trim() });
      message.success('模板已保存');
      setEditing(null);
      load();
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (t: MessageTemplateView) => {
    try {
      await api.call('DELETE', `/pushes/templates/${t.channel}/${encodeURIComponent(t.templateId)}`);
      message.success('模板已删除');
      load();
    } catch (err) {
      message.error(messageOf(err));
    }
  };

  const topicName = (code: string) => refs.topics.find((r) => r.code === code)?.name ?? code;
  const source = (s: MessageTemplateView['keywords'][string]) => ('text' in s ? `“${s.text}”` : KEYWORD_FIELD_NAMES[s.field]);

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        消息模板
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="template-new">添加模板</Button>
      </div>
      <p className="zj-muted">
        模板 ID 来自微信公众平台（服务号「模板消息」、小程序「订阅消息」）。编辑推送时按主题列出适用的模板，并按这里的对应关系填好关键词；系统自动生成的推送草稿也用这里的配置。
      </p>
      <Table<MessageTemplateView>
        rowKey={(t) => `${t.channel}:${t.templateId}`}
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        data-testid="templates"
        columns={[
          { title: '渠道', dataIndex: 'channel', width: 150, render: (c: PushChannel, t) => <>{PUSH_CHANNEL_NAMES[c]}{t.kind && <Tag className="zj-template-kind">{SUBSCRIBE_TEMPLATE_KIND_NAMES[t.kind]}</Tag>}</> },
          { title: '模板', dataIndex: 'title', render: (title: string, t) => <><div>{title}</div><div className="zj-muted">{t.templateId}</div></> },
          { title: '适用主题', dataIndex: 'topics', render: (topics: string[]) => (topics.length === 0 ? <Tag color="blue">全部主题</Tag> : topics.map((c) => <Tag key={c}>{topicName(c)}</Tag>)) },
          {
            title: '关键词（默认取值）',
            dataIndex: 'keywords',
            render: (k: MessageTemplateView['keywords']) =>
              Object.entries(k)
                .sort(([a], [b]) => keywordOrder(a, b))
                .map(([key, s]) => <div key={key}><code>{key}</code> ← {source(s)}</div>),
          },
          { title: '使用中', dataIndex: 'inUse', width: 80, render: (n: number) => (n > 0 ? <Tooltip title="未完成的推送数"><Tag color="orange">{n} 条推送</Tag></Tooltip> : <span className="zj-muted">—</span>) },
          {
            title: '操作',
            width: 110,
            render: (_v, t) => (
              <Space>
                <a onClick={() => open(t)}>编辑</a>
                {t.inUse > 0 ? (
                  <Tooltip title="有未完成的推送使用它，不能删除"><span className="zj-muted">删除</span></Tooltip>
                ) : (
                  <Popconfirm title={`删除模板「${t.title}」？`} description="已发送的推送不受影响" okText="删除" cancelText="取消" onConfirm={() => remove(t)}>
                    <a>删除</a>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.existing ? `编辑模板：${editing.existing.title}` : '添加模板'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={720}
      >
        <Form form={form} layout="vertical" onFinish={save} preserve={false} data-testid="template-form">
          <Space size="large" align="start">
            <Form.Item name="channel" label="渠道" rules={[{ required: true }]}>
              <Select disabled={Boolean(editing?.existing)} className="zj-template-channel" options={(['oa', 'mp'] as const).map((c) => ({ value: c, label: PUSH_CHANNEL_NAMES[c] }))} />
            </Form.Item>
            {channel === 'mp' && (
              <Form.Item name="kind" label="订阅类型" rules={[{ required: true, message: '请选择订阅类型' }]}>
                <Select className="zj-template-kind-select" options={(['one_time', 'long_term'] as const).map((k) => ({ value: k, label: SUBSCRIBE_TEMPLATE_KIND_NAMES[k] }))} />
              </Form.Item>
            )}
          </Space>
          <Form.Item name="templateId" label="模板 ID" rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{6,64}$/, message: '6–64 位字母、数字、下划线或短横线' }]}>
            <Input disabled={Boolean(editing?.existing)} placeholder="微信公众平台中的模板 ID" />
          </Form.Item>
          <Form.Item name="title" label="模板标题" rules={[{ required: true, message: '请填写模板标题' }, { max: 40, message: '最多 40 个字' }]}>
            <Input placeholder="如 政策发布通知" />
          </Form.Item>
          <Form.Item name="topics" label="适用主题（不选为全部主题）">
            <Select mode="multiple" placeholder="全部主题" options={refs.topics.map((r) => ({ value: r.code, label: r.name }))} optionFilterProp="label" data-testid="template-topics" />
          </Form.Item>
          <Form.Item label="关键词与默认取值" required>
            <KeywordRowsEditor path={[]} testId="template-keywords" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
