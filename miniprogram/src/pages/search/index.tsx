import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ItemList } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { usePagedList } from '../../lib/use-paged-list';
import { api } from '../../services/api';
import '../index/index.css';

function Results({ q }: { q: string }) {
  const list = usePagedList((cursor) => api.search(q, { cursor }), q);
  return <ItemList list={list} empty={`没有找到与“${q}”相关的内容，换个说法试试`} showKind />;
}

/** Search across every kind of published content. */
export default function Search() {
  const initial = decodeURIComponent(useRouter().params.q ?? '');
  const [input, setInput] = useState(initial);
  const [q, setQ] = useState(initial.trim());
  return (
    <PageShell>
      <View className="search-bar">
        <Input
          className="search-input"
          value={input}
          focus={!initial}
          placeholder="输入关键词，如“创业补贴”"
          confirmType="search"
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => setQ(input.trim())}
        />
        <Button className="btn search-go" size="mini" onClick={() => setQ(input.trim())}>
          搜索
        </Button>
      </View>
      <View className="search-results">
        {q ? <Results key={q} q={q} /> : <Text className="end muted">可以搜索补贴、最低工资、招聘考试、政策文件与解读</Text>}
      </View>
    </PageShell>
  );
}
