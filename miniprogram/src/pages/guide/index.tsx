import { Button, Text, View } from '@tarojs/components';
import { MAX_PAGE_SIZE } from '@zj/shared';
import { ItemCard } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { Empty, Failed, Loading } from '../../components/states';
import { groupByTheme } from '../../lib/guides';
import { usePagedList } from '../../lib/use-paged-list';
import { api } from '../../services/api';

/** Every service guide, under its theme (就业创业, 社会保险, 劳动关系, 人才人事). */
export default function GuideList() {
  // One full page holds every guide the bureau publishes today, so the groups are complete at once.
  const list = usePagedList((cursor) => api.guides({ cursor, limit: MAX_PAGE_SIZE }), 'guides');
  if (list.status === 'loading') return <PageShell><Loading /></PageShell>;
  if (list.status === 'error') return <PageShell><Failed message={list.message} onRetry={() => void list.reload()} /></PageShell>;
  const groups = groupByTheme(list.items);
  return (
    <PageShell>
      {groups.length === 0 ? <Empty text="暂无办事指南" /> : null}
      {groups.map((g) => (
        <View key={g.theme} className={`guide-group guide-${g.theme}`}>
          <Text className="section-title">
            {g.name}（{g.guides.length}）
          </Text>
          {g.guides.map((item) => (
            <ItemCard key={item.id} item={item} />
          ))}
        </View>
      ))}
      {list.moreError ? <Failed message={list.moreError} onRetry={() => void list.loadMore()} /> : null}
      {list.hasMore && !list.moreError ? (
        <Button className="btn btn-plain more" loading={list.loadingMore} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
