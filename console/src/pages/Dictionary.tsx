import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { messageOf } from '../api';
import { useApi } from '../session';
import '../editorial.css';

interface Synonym {
  term: string;
  expansions: string[];
}
interface Dictionary {
  synonyms: Synonym[];
  stopWords: string[];
}

/**
 * 搜索词典: synonyms (群众的说法 → 政策用语) and stop words of the search and the chat. A change applies to
 * the next search at once. `?term=` (from 群众未答问题) fills in the term of a new synonym.
 */
export default function Dictionary() {
  const api = useApi();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [dict, setDict] = useState<Dictionary | null>(null);
  const [filter, setFilter] = useState('');
  const [stopWord, setStopWord] = useState('');
  const [form] = Form.useForm<Synonym>();
  const fromQuestion = params.get('term');

  const load = useCallback(() => {
    api.call<Dictionary>('GET', '/dictionary').then(setDict, (err) => message.error(messageOf(err)));
  }, [api, message]);
  useEffect(load, [load]);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      load();
      return true;
    } catch (err) {
      message.error(messageOf(err));
      return false;
    }
  };

  const addSynonym = async (values: Synonym) => {
    if (await run(() => api.call('POST', '/dictionary/synonyms', values), `已保存同义词「${values.term}」，搜索即时生效`)) form.resetFields();
  };
  const addStopWord = async () => {
    if (stopWord.trim() && (await run(() => api.call('POST', '/dictionary/stop-words', { word: stopWord.trim() }), `已添加停用词「${stopWord.trim()}」`))) setStopWord('');
  };

  const synonyms = (dict?.synonyms ?? []).filter((s) => !filter || s.term.includes(filter) || s.expansions.some((e) => e.includes(filter)));
  return (
    <>
      <div className="zj-panel">
        <div className="zj-panel-title">同义词</div>
        {fromQuestion && <Alert type="info" showIcon className="zj-filters" title={`群众提问：「${fromQuestion}」。请填写群众的说法对应的政策用语，保存后搜索和公众号问答即按新词典检索。`} />}
        <Form form={form} layout="inline" onFinish={addSynonym} initialValues={{ term: fromQuestion?.slice(0, 20), expansions: [] }} className="zj-filters" data-testid="synonym-form">
          <Form.Item name="term" label="群众说法" rules={[{ required: true, message: '请填写词语' }, { max: 20, message: '最多 20 个字' }]}>
            <Input placeholder="如：失业金" allowClear />
          </Form.Item>
          <Form.Item name="expansions" label="同义的政策用语" rules={[{ required: true, type: 'array', min: 1, message: '至少填写一个' }]}>
            <Select mode="tags" placeholder="输入后按回车，可填多个" className="zj-tags-select" open={false} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />}>保存同义词</Button>
          </Form.Item>
        </Form>
        <Input.Search placeholder="查找词语" allowClear onSearch={setFilter} onChange={(e) => !e.target.value && setFilter('')} className="zj-search" />
        <Table<Synonym>
          rowKey="term"
          size="small"
          loading={dict === null}
          dataSource={synonyms}
          pagination={{ pageSize: 15, showTotal: (n) => `共 ${n} 条` }}
          data-testid="synonyms"
          columns={[
            { title: '群众说法', dataIndex: 'term', width: 200 },
            { title: '同义的政策用语', dataIndex: 'expansions', render: (e: string[]) => e.map((x) => <Tag key={x}>{x}</Tag>) },
            {
              title: '操作',
              width: 140,
              render: (_v, s) => (
                <Space>
                  <a onClick={() => form.setFieldsValue(s)}>修改</a>
                  <Popconfirm title={`删除同义词「${s.term}」？`} okText="删除" cancelText="取消" onConfirm={() => run(() => api.call('DELETE', `/dictionary/synonyms/${encodeURIComponent(s.term)}`), '已删除')}>
                    <a>删除</a>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <div className="zj-panel">
        <div className="zj-panel-title">停用词（检索时忽略，如“怎么”“请问”）</div>
        <Space className="zj-filters">
          <Input value={stopWord} onChange={(e) => setStopWord(e.target.value)} onPressEnter={addStopWord} placeholder="新停用词" maxLength={20} />
          <Button onClick={addStopWord} icon={<PlusOutlined />}>添加</Button>
        </Space>
        <div data-testid="stop-words">
          {(dict?.stopWords ?? []).map((w) => (
            <Tag key={w} closable onClose={(e) => { e.preventDefault(); void run(() => api.call('DELETE', `/dictionary/stop-words/${encodeURIComponent(w)}`), `已删除停用词「${w}」`); }}>
              {w}
            </Tag>
          ))}
        </div>
      </div>
    </>
  );
}
