/**
 * What `@tarojs/taro` is in the H5 build, for jest: the H5 API (@tarojs/taro-h5) with the React page hooks
 * attached. The build gets there by aliasing the package and rewriting `Taro.xxx` into named imports
 * (babel-plugin-transform-taroapi) and by appending the hooks (plugin-framework-react's api-loader); here
 * the default export carries the whole API, so a test can spy on `Taro.request` where the app calls it.
 */
import taro from '@tarojs/taro-h5';
import * as api from '@tarojs/taro-h5';
import * as pageHooks from '@tarojs/plugin-framework-react/dist/runtime';

export * from '@tarojs/taro-h5';
export {
  useDidHide,
  useDidShow,
  useLoad,
  usePageScroll,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useShareAppMessage,
  useShareTimeline,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime';

export default Object.assign(taro, api, pageHooks);
