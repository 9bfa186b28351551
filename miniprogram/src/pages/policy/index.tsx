import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ItemList } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { usePagedList } from '../../lib/use-paged-list';
import { api } from '../../services/api';

const TABS = [
  { kind: 'interpretation', name: '政策解读' },
  { kind: 'policy', name: '政策文件' },
] as const;

export default function PolicyList() {
  const [kind, setKind] = useState<(typeof TABS)[number]['kind']>('interpretation');
  const list = usePagedList((cursor) => api.list(kind, { cursor }), kind);
  return (
    <PageShell>
      <View className="filters">
        {TABS.map((t) => (
          <Text key={t.kind} className={`chip ${t.kind === kind ? 'chip-on' : ''}`} onClick={() => setKind(t.kind)}>
            {t.name}
          </Text>
        ))}
      </View>
      <ItemList list={list} empty={kind === 'policy' ? '暂无政策文件' : '暂无政策解读'} />
    </PageShell>
  );
}
