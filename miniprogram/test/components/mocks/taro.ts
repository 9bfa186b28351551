/**
 * @tarojs/taro for component tests: storage in memory, `request` answered by the test's fake API
 * (`answerRequests`), page hooks as React effects, the router's params settable per test.
 */
import { useEffect } from 'react';

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type Answer = { statusCode: number; data: unknown };
type Handler = (req: RequestOptions) => Answer | Promise<Answer>;

let handler: Handler = () => ({ statusCode: 404, data: { error: { code: 'not_found', message: '没有这个接口' } } });
let params: Record<string, string> = {};
const storage = new Map<string, unknown>();

export function answerRequests(next: Handler): void {
  handler = next;
}
export function setRouterParams(next: Record<string, string>): void {
  params = next;
}
export function resetTaro(): void {
  storage.clear();
  params = {};
  jest.clearAllMocks();
}

const Taro = {
  request: jest.fn(async (req: RequestOptions) => handler(req)),
  navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  pageScrollTo: jest.fn(async () => ({ errMsg: 'pageScrollTo:ok' })),
  stopPullDownRefresh: jest.fn(),
  setClipboardData: jest.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  login: jest.fn(async () => ({ code: 'fake-code-test', errMsg: 'login:ok' })),
  requestSubscribeMessage: jest.fn(),
};
export default Taro;

export const useRouter = () => ({ params });
const onMount = (fn: () => void) => useEffect(() => fn(), []);
export const useLoad = onMount;
export const useDidShow = onMount;
export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useReachBottom = (_fn: () => void) => undefined;
export const useShareAppMessage = (_fn: () => object) => undefined;
