import { App, Button, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../api';
import { formatTime } from '../content';
import { mayOpen, useSession } from '../session';

interface Question {
  question: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  askerSample: string;
}

const q = (key: string, value: string) => `?${new URLSearchParams({ [key]: value })}`;

/**
 * 群众未答问题: what residents asked that the chat could not answer, most frequent first, each with the
 * three ways to answer it next time: a synonym, a keyword reply (admins) or a new content item.
 */
export default function Unanswered() {
  const { session, api } = useSession();
  const admin = mayOpen(session, 'keywordReplies');
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
          {
            title: '处理',
            width: 260,
            render: (_v, r) => (
              <Space>
                <Link to={`/dictionary${q('term', r.question)}`}>加同义词</Link>
                {admin && <Link to={`/keyword-replies${q('keyword', r.question)}`}>加关键词回复</Link>}
                <Link to={`/content/new${q('question', r.question)}`}>新建内容</Link>
              </Space>
            ),
          },
        ]}
      />
      {next && <Button className="zj-form-actions" onClick={() => load(next)}>加载更多</Button>}
    </div>
  );
}
