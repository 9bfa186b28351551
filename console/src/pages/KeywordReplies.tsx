import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { messageOf } from '../api';
import { useApi } from '../session';

interface Rule {
  id: number;
  keywords: string[];
  match: 'exact' | 'contains' | 'prefix';
  action: string;
  replyText: string | null;
  priority: number;
  active: boolean;
}
type RuleInput = Omit<Rule, 'id'>;

const MATCH_NAMES: Record<Rule['match'], string> = { exact: '完全一致', contains: '包含', prefix: '以此开头' };
/** The answers the chat knows (server/src/wechat/message-server/keyword-rules.ts RULE_ACTIONS). */
const ACTION_NAMES: Record<string, string> = {
  text: '固定回复',
  wage: '最低工资标准',
  subsidies: '补贴政策',
  recruitment: '招聘信息',
  exams: '考试安排',
  title_review: '职称评审',
  interpretation: '政策解读',
  hotline: '12333 热线',
  halls: '服务大厅',
  subscribe: '订阅',
  unsubscribe: '退订',
  my_subscriptions: '我的订阅',
  help: '帮助菜单',
};

const EMPTY: RuleInput = { keywords: [], match: 'contains', action: 'text', replyText: '', priority: 100, active: true };

/** 关键词回复 (admins): the chat's keyword rules, checked by the server as the shipped rules are. */
export default function KeywordReplies() {
  const api = useApi();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [editing, setEditing] = useState<{ id: number | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<RuleInput>();
  const action = Form.useWatch('action', form);

  const load = useCallback(() => {
    api.call<{ items: Rule[] }>('GET', '/keyword-rules').then((r) => setRules(r.items), (err) => message.error(messageOf(err)));
  }, [api, message]);
  useEffect(load, [load]);

  const open = useCallback(
    (rule: Rule | null, keyword?: string) => {
      setEditing({ id: rule?.id ?? null });
      form.setFieldsValue(rule ?? { ...EMPTY, keywords: keyword ? [keyword] : [] });
    },
    [form],
  );
  // 群众未答问题 → 加关键词回复: a new rule for the question.
  const fromQuestion = params.get('keyword');
  useEffect(() => {
    if (fromQuestion) {
      open(null, fromQuestion.slice(0, 30));
      setParams({}, { replace: true });
    }
  }, [fromQuestion, open, setParams]);

  const save = async (values: RuleInput) => {
    setSaving(true);
    try {
      const body = { ...values, replyText: values.replyText?.trim() ? values.replyText : null };
      if (editing?.id) await api.call('PUT', `/keyword-rules/${editing.id}`, body);
      else await api.call('POST', '/keyword-rules', body);
      message.success('已保存，公众号回复即时生效');
      setEditing(null);
      load();
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        关键词回复
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>新增规则</Button>
      </div>
      <Table<Rule>
        rowKey="id"
        size="small"
        loading={rules === null}
        dataSource={rules ?? []}
        pagination={false}
        data-testid="keyword-rules"
        columns={[
          { title: '优先级', dataIndex: 'priority', width: 80 },
          { title: '关键词', dataIndex: 'keywords', render: (k: string[]) => k.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '匹配方式', dataIndex: 'match', width: 100, render: (m: Rule['match']) => MATCH_NAMES[m] },
          { title: '回复', dataIndex: 'action', render: (a: string, r) => (a === 'text' ? r.replyText : <Tag color="blue">{ACTION_NAMES[a] ?? a}</Tag>) },
          { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>) },
          { title: '操作', width: 80, render: (_v, r) => <a onClick={() => open(r)}>编辑</a> },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.id ? '编辑关键词回复' : '新增关键词回复'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={600}
      >
        <Form form={form} layout="vertical" onFinish={save} preserve={false}>
          <Form.Item name="keywords" label="关键词" rules={[{ required: true, type: 'array', min: 1, message: '至少填写一个关键词' }]}>
            <Select mode="tags" open={false} placeholder="输入后按回车，可填多个" tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          <Form.Item name="match" label="匹配方式" rules={[{ required: true }]}>
            <Select options={Object.entries(MATCH_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="action" label="回复内容" rules={[{ required: true }]}>
            <Select options={Object.entries(ACTION_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {action === 'text' && (
            <Form.Item name="replyText" label="固定回复文字" rules={[{ required: true, message: '请填写回复文字' }, { max: 1500, message: '最多 1500 字' }]}>
              <Input.TextArea rows={4} showCount maxLength={1500} />
            </Form.Item>
          )}
          <Form.Item name="priority" label="优先级（数字小的先匹配）" rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
