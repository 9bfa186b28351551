import { App, Button, Form, Input, InputNumber, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '@zj/shared';
import { messageOf } from '../api';
import { formatTime } from '../content';
import { useApi } from '../session';
import { Guard } from './Forbidden';

interface Filters {
  editorId?: number;
  action?: string;
  targetType?: string;
  targetId?: string;
}

const brief = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v).slice(0, 120));

function AuditSearch() {
  const api = useApi();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const load = useCallback(
    (f: Filters, before?: number) => {
      const q = new URLSearchParams({ limit: '50' });
      for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
      if (before) q.set('before', String(before));
      api.call<{ items: AuditEntry[] }>('GET', `/audit?${q}`).then((r) => setItems((old) => (before ? [...(old ?? []), ...r.items] : r.items)), (err) => message.error(messageOf(err)));
    },
    [api, message],
  );
  useEffect(() => load({}), [load]);

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">审计日志</div>
      <Form layout="inline" className="zj-filters" onFinish={(f: Filters) => { setFilters(f); setItems(null); load(f); }}>
        <Form.Item name="editorId" label="操作人编号"><InputNumber min={1} /></Form.Item>
        <Form.Item name="action" label="操作"><Input placeholder="如 content.approve" /></Form.Item>
        <Form.Item name="targetType" label="对象类型"><Input placeholder="如 content、editor" /></Form.Item>
        <Form.Item name="targetId" label="对象编号"><Input /></Form.Item>
        <Button type="primary" htmlType="submit">查询</Button>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (e) => <pre className="zj-details">{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre> }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: formatTime },
          { title: '操作人', dataIndex: 'actorName', width: 120 },
          { title: 'IP', dataIndex: 'ip', width: 130 },
          { title: '操作', dataIndex: 'action', width: 160 },
          { title: '对象', width: 130, render: (_v, e) => `${e.targetType} ${e.targetId ?? ''}` },
          { title: '变更后', dataIndex: 'after', ellipsis: true, render: brief },
        ]}
      />
      {items && items.length > 0 && items.length % 50 === 0 && <Button className="zj-form-actions" onClick={() => load(filters, items.at(-1)?.id)}>加载更多</Button>}
    </div>
  );
}

/** 审计日志 (admins only): who did what, when, from where, with the before/after. */
export default function Audit() {
  return <Guard page="audit"><AuditSearch /></Guard>;
}
