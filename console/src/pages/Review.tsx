import { Alert, App, Button, Col, Descriptions, Form, Input, Radio, Row, Space, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { CONTENT_KIND_NAMES, REVIEW_GATE_NAMES, REVIEW_GATES, type GateVerdict } from '@zj/shared';
import { ApiError, messageOf } from '../api';
import { STATUS_NAMES } from '../content';
import { DetailsView } from '../DetailsView';
import { Markdown } from '../Markdown';
import { useApi } from '../session';
import { useItem, VersionHistory } from './ContentDetail';
import { Guard } from './Forbidden';

interface Verdicts {
  gates: Record<string, { pass?: 'pass' | 'fail'; comment?: string }>;
  comment?: string;
}

function ReviewForm() {
  const { id } = useParams();
  const api = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Verdicts>();
  const { detail } = useItem(id);
  if (!detail) return <div className="zj-panel">加载中…</div>;
  const { item, versions } = detail;

  const gatesOf = (v: Verdicts): GateVerdict[] => REVIEW_GATES.map((gate) => ({ gate, pass: v.gates[gate]?.pass === 'pass', comment: v.gates[gate]?.comment?.trim() ?? '' }));
  const decide = async (approve: boolean) => {
    const v = approve ? await form.validateFields().catch(() => null) : form.getFieldsValue(true);
    if (!v) return;
    const gates = gatesOf(v);
    if (approve && gates.some((g) => !g.pass)) return message.error('五关全部通过才能审核通过；有不通过的关，请退回修改');
    if (!approve && !v.comment?.trim()) return form.setFields([{ name: 'comment', errors: ['退回时请填写审核意见'] }]);
    try {
      // The approval names the version on screen: if the item changed since, the server refuses it (409).
      await api.call('POST', `/content/${item.id}/${approve ? 'approve' : 'reject'}`, {
        expectedVersion: item.version,
        gates: approve ? gates : gates.filter((g) => v.gates[g.gate]?.pass),
        ...(v.comment?.trim() && { comment: v.comment.trim() }),
      });
      message.success(approve ? '审核通过' : '已退回修改');
      navigate(`/content/${item.id}`);
    } catch (err) {
      message.error(err instanceof ApiError && err.status === 409 ? '该内容在您审核期间已被修改，请重新打开后审核最新版本' : messageOf(err));
    }
  };

  return (
    <Row gutter={16}>
      <Col span={14}>
        <div className="zj-panel">
          <div className="zj-panel-title">
            <span>{item.title} <Tag color={STATUS_NAMES[item.status].color}>{STATUS_NAMES[item.status].name}</Tag></span>
            <Tag color="blue" data-testid="review-version">审核版本：第 {item.version} 版</Tag>
          </div>
          <Descriptions size="small" column={2} bordered className="zj-filters">
            <Descriptions.Item label="类别">{CONTENT_KIND_NAMES[item.kind]}</Descriptions.Item>
            <Descriptions.Item label="责任部门">{item.department}</Descriptions.Item>
            <Descriptions.Item label="摘要" span={2}>{item.summary || '—'}</Descriptions.Item>
          </Descriptions>
          <Markdown text={item.body} />
          <div className="zj-panel-gap" />
          <DetailsView details={item.details} />
        </div>
        <div className="zj-panel">
          <div className="zj-panel-title">版本历史</div>
          <VersionHistory versions={versions} />
        </div>
      </Col>
      <Col span={10}>
        <div className="zj-panel">
          <div className="zj-panel-title">五关审核</div>
          {item.status !== 'in_review' && <Alert type="info" showIcon className="zj-filters" title="该内容当前不在待审核状态。" />}
          <Form form={form} layout="vertical" initialValues={{ gates: {} }}>
            {REVIEW_GATES.map((gate) => (
              <div className="zj-gate" key={gate} data-testid={`gate-${gate}`}>
                <Form.Item name={['gates', gate, 'pass']} rules={[{ required: true, message: `请给出${REVIEW_GATE_NAMES[gate]}的结论` }]} label={REVIEW_GATE_NAMES[gate]}>
                  <Radio.Group options={[{ value: 'pass', label: '通过' }, { value: 'fail', label: '不通过' }]} />
                </Form.Item>
                <Form.Item name={['gates', gate, 'comment']} noStyle>
                  <Input placeholder="意见（可选）" maxLength={500} />
                </Form.Item>
              </div>
            ))}
            <Form.Item name="comment" label="审核意见">
              <Input.TextArea rows={2} maxLength={1000} placeholder="退回时必填" />
            </Form.Item>
            <Space>
              <Button type="primary" disabled={item.status !== 'in_review'} onClick={() => decide(true)}>审核通过</Button>
              <Button danger disabled={item.status !== 'in_review'} onClick={() => decide(false)}>退回修改</Button>
            </Space>
          </Form>
        </div>
      </Col>
    </Row>
  );
}

/** 五关审核: the version under review beside the five gates; approve names that version. */
export default function Review() {
  return <Guard page="review"><ReviewForm /></Guard>;
}
