import { App, Button, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../api';
import { formatTime } from '../content';
import { useApi } from '../session';

interface Question {
  question: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  askerSample: string;
}

/** 群众未答问题: what residents asked that the chat could not answer, most frequent first. */
export default function Unanswered() {
  const api = useApi();
  const { message } = App.useApp();
  const [items, setItems] = useState<Question[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const load = useCallback(
    (cursor?: string) => {
      const q = new URLSearchParams({ limit: '50', ...(cursor && { cursor }) });
      api.call<{ items: Question[]; nextCursor: string | null }>('GET', `/unanswered-questions?${q}`).then(
        (r) => {
          setItems((old) => (cursor ? [...(old ?? []), ...r.items] : r.items));
          setNext(r.nextCursor);
        },
        (err) => message.error(messageOf(err)),
      );
    },
    [api, message],
  );
  useEffect(() => load(), [load]);
  return (
    <div className="zj-panel">
      <div className="zj-panel-title">群众未答问题</div>
      <Table<Question>
        rowKey="question"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无未答问题' }}
        columns={[
          { title: '问题', dataIndex: 'question' },
          { title: '次数', dataIndex: 'count', width: 80 },
          { title: '首次提问', dataIndex: 'firstSeenAt', width: 180, render: formatTime },
          { title: '最近提问', dataIndex: 'lastSeenAt', width: 180, render: formatTime },
        ]}
      />
      {next && <Button className="zj-form-actions" onClick={() => load(next)}>加载更多</Button>}
    </div>
  );
}
