import { App, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { CONTENT_KIND_NAMES, type ContentKind } from '@zj/shared';
import { messageOf } from '../api';
import { formatTime, type AdminItem } from '../content';
import { useApi } from '../session';
import { Guard } from './Forbidden';

function ReviewQueue() {
  const api = useApi();
  const { message } = App.useApp();
  const [items, setItems] = useState<AdminItem[] | null>(null);
  useEffect(() => {
    api.call<{ items: AdminItem[] }>('GET', '/content?status=in_review&limit=200').then((r) => setItems(r.items), (err) => { message.error(messageOf(err)); setItems([]); });
  }, [api, message]);
  return (
    <div className="zj-panel">
      <div className="zj-panel-title">待审核内容</div>
      <Table<AdminItem>
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: '暂无待审核内容' }}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/review/${r.id}`}>{t}</Link> },
          { title: '类别', dataIndex: 'kind', width: 120, render: (k: ContentKind) => CONTENT_KIND_NAMES[k] },
          { title: '版本', dataIndex: 'version', width: 70 },
          { title: '提交时间', dataIndex: 'updatedAt', width: 180, render: formatTime },
          { title: '操作', width: 100, render: (_v, r) => <Link to={`/review/${r.id}`}>审核</Link> },
        ]}
      />
    </div>
  );
}

/** 内容审核: the items waiting for a reviewer. */
export default function ReviewList() {
  return <Guard page="review"><ReviewQueue /></Guard>;
}
