import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CONTENT_KIND_NAMES, CONTENT_KINDS, CONTENT_STATUSES, type ContentKind, type ContentStatus } from '@zj/shared';
import { messageOf } from '../api';
import { formatTime, STATUS_NAMES, type AdminItem } from '../content';
import { useApi } from '../session';

/** 内容管理: every kind and status, filtered by both (kept in the URL so a reload keeps them). */
export default function ContentList() {
  const api = useApi();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as ContentKind | null) ?? undefined;
  const status = (params.get('status') as ContentStatus | null) ?? undefined;
  const [items, setItems] = useState<AdminItem[] | null>(null);

  useEffect(() => {
    const q = new URLSearchParams({ limit: '200', ...(kind && { kind }), ...(status && { status }) });
    setItems(null);
    api.call<{ items: AdminItem[] }>('GET', `/content?${q}`).then((r) => setItems(r.items), (err) => { message.error(messageOf(err)); setItems([]); });
  }, [api, kind, status, message]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        内容列表
        <Link to="/content/new"><Button type="primary" icon={<PlusOutlined />}>新建内容</Button></Link>
      </div>
      <Space className="zj-filters" wrap>
        <span>内容类别</span>
        <Select allowClear placeholder="全部类别" className="zj-select" value={kind} onChange={(v) => setFilter('kind', v)} options={CONTENT_KINDS.map((k) => ({ value: k, label: CONTENT_KIND_NAMES[k] }))} data-testid="filter-kind" />
        <span>状态</span>
        <Select allowClear placeholder="全部状态" className="zj-select" value={status} onChange={(v) => setFilter('status', v)} options={CONTENT_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s].name }))} data-testid="filter-status" />
      </Space>
      <Table<AdminItem>
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (title: string, r) => (
              <Space size={4} wrap>
                <Link to={`/content/${r.id}`}>{title}</Link>
                {r.publishAt && <Tag color="blue">{formatTime(r.publishAt)} 定时发布</Tag>}
                {r.unpublishAt && <Tag color="orange">{formatTime(r.unpublishAt)} 定时下线</Tag>}
              </Space>
            ),
          },
          { title: '类别', dataIndex: 'kind', width: 110, render: (k: ContentKind) => CONTENT_KIND_NAMES[k] },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: ContentStatus) => <Tag color={STATUS_NAMES[s].color}>{STATUS_NAMES[s].name}</Tag> },
          { title: '版本', dataIndex: 'version', width: 70 },
          { title: '责任部门', dataIndex: 'department', width: 180, ellipsis: true },
          { title: '更新时间', dataIndex: 'updatedAt', width: 180, render: formatTime },
          {
            title: '操作',
            width: 130,
            render: (_v, r) => (
              <Space>
                <Link to={`/content/${r.id}`}>查看</Link>
                {r.status !== 'archived' && <Link to={`/content/${r.id}/edit`}>编辑</Link>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
