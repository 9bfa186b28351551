import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CONTENT_KIND_NAMES, type ContentSummary } from '@zj/shared';
import { flag } from '../lib/flag';
import { formatDate } from '../lib/format';
import { routes } from '../lib/routes';
import type { PagedList } from '../lib/use-paged-list';
import { Countdown } from './countdown';
import { Empty, Failed, Loading } from './states';

/** One line under the title that says what matters most for this kind. */
function Brief({ item }: { item: ContentSummary }) {
  switch (item.kind) {
    case 'subsidy':
      return <Text className="brief">{item.brief.amount}</Text>;
    case 'recruitment':
      return (
        <View className="brief-row">
          <Text className={`tag tag-${item.brief.status}`}>{item.brief.statusName}</Text>
          {item.brief.status === 'open' || item.brief.status === 'upcoming' ? <Countdown window={item.brief} /> : null}
        </View>
      );
    case 'policy':
      return <Text className="brief muted">{item.brief.docNumber}</Text>;
    case 'wage_standard':
      return <Text className="brief muted">{formatDate(item.brief.effectiveFrom)}起执行</Text>;
    case 'guide':
      return (
        <Text className="brief muted">
          {[item.brief.promisedTimeLimit, item.brief.fees, item.brief.online ? '可网上办理' : null].filter(Boolean).join(' · ')}
        </Text>
      );
    default:
      return <Text className="brief muted">{formatDate(item.publishedAt)}</Text>;
  }
}

export function ItemCard({ item, showKind = false }: { item: ContentSummary; showKind?: boolean }) {
  return (
    <View className="card item-card" onClick={() => void Taro.navigateTo({ url: routes.detail(item.kind, item.id) })}>
      <View className="item-title-row">
        {showKind ? <Text className="kind">{CONTENT_KIND_NAMES[item.kind]}</Text> : null}
        <Text className="item-title">{item.title}</Text>
      </View>
      {item.summary ? <Text className="item-summary">{item.summary}</Text> : null}
      <Brief item={item} />
      {item.isSample ? <Text className="sample">示例数据，仅供演示</Text> : null}
    </View>
  );
}

/** A paged list with its loading, empty and error states and the "more" footer. */
export function ItemList({ list, empty, showKind = false }: { list: PagedList; empty: string; showKind?: boolean }) {
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <Failed message={list.message} onRetry={() => void list.reload()} />;
  if (list.items.length === 0) return <Empty text={empty} />;
  return (
    <View className="item-list">
      {list.items.map((item) => (
        <ItemCard key={`${item.kind}-${item.id}`} item={item} showKind={showKind} />
      ))}
      {list.moreError ? <Failed message={list.moreError} onRetry={() => void list.loadMore()} /> : null}
      {list.hasMore && !list.moreError ? (
        <Button className="btn btn-plain more" loading={flag(list.loadingMore)} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
      {!list.hasMore ? <Text className="end muted">没有更多了</Text> : null}
    </View>
  );
}
