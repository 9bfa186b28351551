import { View } from '@tarojs/components';
import { AUDIENCES, DISTRICTS, type Audience, type District } from '@zj/shared';
import { useState } from 'react';
import { FilterPicker } from '../../components/filter-picker';
import { ItemList } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';
import { api, type SubsidyFilters } from '../../services/api';

/** Subsidies, narrowed by topic (the editors' list), who they are for, and district. */
export default function SubsidyList() {
  const [filters, setFilters] = useState<SubsidyFilters>({});
  const topics = useResource(() => api.topics(), []);
  const list = usePagedList((cursor) => api.subsidies({ cursor }, filters), JSON.stringify(filters));
  const set = (patch: SubsidyFilters) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = Object.values(filters).some((v) => v !== undefined);
  return (
    <PageShell>
      <View className="filters">
        <FilterPicker noun="主题" options={topics.state.status === 'ready' ? topics.state.data.items : []} value={filters.topic} onChange={(topic) => set({ topic })} />
        <FilterPicker noun="对象" options={AUDIENCES} value={filters.audience} onChange={(audience) => set({ audience: audience as Audience | undefined })} />
        <FilterPicker noun="地区" options={DISTRICTS} value={filters.district} onChange={(district) => set({ district: district as District | undefined })} />
      </View>
      <ItemList list={list} empty={filtered ? '没有符合筛选条件的补贴，换个条件试试' : '暂无补贴政策'} />
    </PageShell>
  );
}
