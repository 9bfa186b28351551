import Taro from '@tarojs/taro';

/**
 * A mini-program may only open web pages of domains registered for its web-view, and government
 * sites are not ours to register: copy the address so the resident can paste it into a browser.
 */
export function openLink(url: string): void {
  void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' }));
}
