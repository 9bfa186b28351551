/** The parts of Taro's React runtime (shipped without types) that the test harness uses. */
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  import type * as React from 'react';
  import type { AppInstance } from '@tarojs/runtime';

  export function createReactApp(App: React.ComponentType<React.PropsWithChildren>, react: typeof React, dom: object, config: object): AppInstance;
  export function useDidHide(fn: () => void): void;
  export function useDidShow(fn: (options?: unknown) => void): void;
  export function useLoad<T = Record<string, string>>(fn: (params: T) => void): void;
  export function usePageScroll(fn: (payload: { scrollTop: number }) => void): void;
  export function usePullDownRefresh(fn: () => void): void;
  export function useReachBottom(fn: () => void): void;
  export function useReady(fn: () => void): void;
  export function useRouter(dynamic?: boolean): { params: Record<string, string | undefined>; path: string };
  export function useShareAppMessage(fn: (payload: object) => object): void;
  export function useShareTimeline(fn: () => object): void;
  export function useUnload(fn: () => void): void;
}
