import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { ContentPage, ContentSummary } from '@zj/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './use-resource';

export interface PagedList {
  items: ContentSummary[];
  status: 'loading' | 'error' | 'ready';
  message: string;
  /** Another page is being fetched, or failed (`moreError`). */
  loadingMore: boolean;
  moreError: string | null;
  hasMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A list page's data: first page on mount, pull down to refresh, the next page when the resident
 * scrolls to the bottom. `key` changes (a filter) start over.
 */
export function usePagedList(fetchPage: (cursor: string | undefined) => Promise<ContentPage>, key: string): PagedList {
  const [items, setItems] = useState<ContentSummary[]>([]);
  const [status, setStatus] = useState<PagedList['status']>('loading');
  const [message, setMessage] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const generation = useRef(0);

  // `key` says when fetchPage changed meaning (a filter); the function itself is new every render.
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setStatus((s) => (s === 'ready' ? s : 'loading'));
    try {
      const page = await fetchPage(undefined);
      if (mine !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setMoreError(null);
      setStatus('ready');
    } catch (err) {
      if (mine !== generation.current) return;
      setMessage(errorMessage(err));
      setStatus('error');
    }
  }, [key]);

  const loadMore = useCallback(async () => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
      setMoreError(null);
    } catch (err) {
      if (mine === generation.current) setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, loadingMore, fetchPage]);

  useEffect(() => {
    setStatus('loading');
    void reload();
  }, [reload]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void loadMore();
  });

  return { items, status, message, loadingMore, moreError, hasMore: cursor !== null, reload, loadMore };
}
