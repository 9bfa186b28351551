import { App, Button, Descriptions, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CONTENT_KIND_NAMES, REVIEW_GATE_NAMES, type GateVerdict } from '@zj/shared';
import { messageOf } from '../api';
import { ACTION_NAMES, formatTime, STATUS_NAMES, type AdminItem, type AdminVersion } from '../content';
import { DetailsView } from '../DetailsView';
import { Markdown } from '../Markdown';
import { mayOpen, useSession } from '../session';
import { SchedulePanel, VersionsPanel } from './ContentVersions';

export interface ItemDetail {
  item: AdminItem;
  versions: AdminVersion[];
}

export function useItem(id: string | undefined) {
  const { api } = useSession();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const reload = useCallback(() => {
    if (id === undefined) return; // a new item
    api.call<ItemDetail>('GET', `/content/${id}`).then(setDetail, (err) => message.error(messageOf(err)));
  }, [api, id, message]);
  useEffect(reload, [reload]);
  return { detail, reload };
}

export function Gates({ gates }: { gates: GateVerdict[] | null }) {
  if (!gates) return null;
  return (
    <Space wrap size={4}>
      {gates.map((g) => (
        <Tag key={g.gate} color={g.pass ? 'green' : 'red'} title={g.comment}>
          {REVIEW_GATE_NAMES[g.gate]}：{g.pass ? '通过' : '不通过'}{g.comment ? `（${g.comment}）` : ''}
        </Tag>
      ))}
    </Space>
  );
}

export function VersionHistory({ versions }: { versions: AdminVersion[] }) {
  return (
    <Table<AdminVersion>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...versions].reverse()}
      data-testid="version-history"
      columns={[
        { title: '版本', dataIndex: 'version', width: 60 },
        { title: '操作', dataIndex: 'action', width: 100, render: (a: string) => ACTION_NAMES[a] ?? a },
        { title: '操作人', dataIndex: 'actor', width: 120 },
        { title: '时间', dataIndex: 'createdAt', width: 170, render: formatTime },
        { title: '意见与五关', render: (_v, v) => (<Space direction="vertical" size={2}>{v.note && <span>{v.note}</span>}<Gates gates={v.gates} /></Space>) },
      ]}
    />
  );
}

/** 内容详情: fields, body, the next workflow step the role may take, version history. */
export default function ContentDetail() {
  const { id } = useParams();
  const { session, api } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { detail, reload } = useItem(id);
  if (!detail) return <div className="zj-panel">加载中…</div>;
  const { item, versions } = detail;
  const reviewer = mayOpen(session, 'review');

  const step = (path: string, done: string, confirm: string) =>
    modal.confirm({
      title: confirm,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.call('POST', `/content/${item.id}/${path}`, { expectedVersion: item.version });
          message.success(done);
          reload();
        } catch (err) {
          message.error(messageOf(err));
        }
      },
    });

  return (
    <>
      <div className="zj-panel">
        <div className="zj-panel-title">
          <span>
            {item.title} <Tag color={STATUS_NAMES[item.status].color} data-testid="item-status">{STATUS_NAMES[item.status].name}</Tag>
          </span>
          <Space>
            {item.status !== 'archived' && <Button onClick={() => navigate(`/content/${item.id}/edit`)}>编辑</Button>}
            {item.status === 'draft' && <Button type="primary" onClick={() => step('submit', '已提交审核', '确定提交审核吗？提交后由审核员进行五关审核。')}>提交审核</Button>}
            {item.status === 'in_review' && reviewer && <Link to={`/review/${item.id}`}><Button type="primary">去审核</Button></Link>}
            {item.status === 'approved' && reviewer && <Button type="primary" onClick={() => step('publish', '已发布', '确定发布吗？发布后群众即可在公众号和小程序中查看。')}>发布</Button>}
            {item.status === 'published' && reviewer && <Button danger onClick={() => step('archive', '已归档', '确定归档吗？归档后群众将无法再查看。')}>归档</Button>}
          </Space>
        </div>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label="类别">{CONTENT_KIND_NAMES[item.kind]}</Descriptions.Item>
          <Descriptions.Item label="当前版本">第 {item.version} 版</Descriptions.Item>
          <Descriptions.Item label="责任部门">{item.department}</Descriptions.Item>
          <Descriptions.Item label="政策依据">{item.policyBasis ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="摘要" span={2}>{item.summary || '—'}</Descriptions.Item>
          <Descriptions.Item label="发布时间">{formatTime(item.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label="更新时间">{formatTime(item.updatedAt)}</Descriptions.Item>
          {(item.publishAt || item.unpublishAt) && (
            <Descriptions.Item label="定时" span={2}>
              {item.publishAt && <Tag color="blue">{formatTime(item.publishAt)} 定时发布</Tag>}
              {item.unpublishAt && <Tag color="orange">{formatTime(item.unpublishAt)} 定时下线</Tag>}
            </Descriptions.Item>
          )}
        </Descriptions>
      </div>
      <div className="zj-panel">
        <div className="zj-panel-title">{CONTENT_KIND_NAMES[item.kind]}信息</div>
        <DetailsView details={item.details} />
      </div>
      <div className="zj-panel">
        <div className="zj-panel-title">正文</div>
        <Markdown text={item.body} />
      </div>
      <SchedulePanel item={item} onChanged={reload} />
      <VersionsPanel item={item} versions={versions} onChanged={reload} />
    </>
  );
}
