import type { ContentKind } from '@zj/shared';
import { useShare } from '../platform/share';
import { routes } from './routes';
import type { Resource } from './use-resource';

/** A detail page's share card: the item's title, opening the same item (once it has loaded). */
export function useShareItem(kind: ContentKind, id: number, state: Resource<{ title: string }>): void {
  useShare(state.status === 'ready' ? { title: state.data.title, path: routes.detail(kind, id) } : null);
}
