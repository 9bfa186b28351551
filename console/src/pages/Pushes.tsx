import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PUSH_STATUS_NAMES, PUSH_STATUSES, PushList, type PushStatus, type PushView } from '@zj/shared';
import { messageOf } from '../api';
import { formatTime } from '../content';
import { useApi } from '../session';
import { OriginTag, PushStatusTag } from './pushes/common';

/** 推送管理: every push, newest first, filtered by status (kept in the URL). */
export default function Pushes() {
  const api = useApi();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as PushStatus | null) ?? undefined;
  const [items, setItems] = useState<PushView[] | null>(null);

  useEffect(() => {
    const q = new URLSearchParams({ limit: '200', ...(status && { status }) });
    setItems(null);
    api.call<unknown>('GET', `/pushes?${q}`).then(
      (r) => setItems(PushList.parse(r).items),
      (err) => {
        message.error(messageOf(err));
        setItems([]);
      },
    );
  }, [api, status, message]);

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        推送列表
        <Link to="/pushes/new"><Button type="primary" icon={<PlusOutlined />} data-testid="new-push">新建推送</Button></Link>
      </div>
      <Space className="zj-filters" wrap>
        <span>状态</span>
        <Select
          allowClear
          placeholder="全部状态"
          className="zj-select"
          value={status}
          onChange={(v?: string) => setParams(v ? { status: v } : {})}
          options={PUSH_STATUSES.map((s) => ({ value: s, label: PUSH_STATUS_NAMES[s] }))}
          data-testid="filter-push-status"
        />
      </Space>
      <Table<PushView>
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        data-testid="push-list"
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (title: string, r) => (
              <Space size={4}>
                <Link to={`/pushes/${r.id}`}>{title}</Link>
                <OriginTag push={r} />
              </Space>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: PushStatus) => <PushStatusTag status={s} /> },
          { title: '渠道', width: 170, render: (_v, r) => [r.template && '模板消息', r.subscribe && '订阅消息'].filter(Boolean).join('、') },
          { title: '紧急', dataIndex: 'urgent', width: 70, render: (u: boolean) => (u ? '是' : '否') },
          { title: '发送时间', dataIndex: 'sendAt', width: 180, render: formatTime },
          { title: '更新时间', dataIndex: 'updatedAt', width: 180, render: formatTime },
          { title: '操作', width: 80, render: (_v, r) => <Link to={`/pushes/${r.id}`}>查看</Link> },
        ]}
      />
    </div>
  );
}
