import Taro from '@tarojs/taro';

/**
 * Taro.openLocation needs coordinates, which the guides do not carry (only a place to search for), and a
 * mini-program cannot open a map web page: copy the place so the resident can search it in a map app.
 */
export function openMap(query: string): void {
  void Taro.setClipboardData({ data: query }).then(() => Taro.showToast({ title: '地点已复制，请在地图应用中搜索', icon: 'none' }));
}
