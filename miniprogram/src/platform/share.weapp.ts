import { useShareAppMessage } from '@tarojs/taro';

/** WeChat asks the page for its share card when the resident taps 转发; until loaded, the app's default card. */
export function useShare(share: { title: string; path: string } | null): void {
  useShareAppMessage(() => (share ? { title: share.title, path: share.path } : {}));
}
