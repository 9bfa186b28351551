import Taro from '@tarojs/taro';

/**
 * In a browser there is no WeChat client: the sandbox (mounted at /sandbox beside the API in the demo
 * setup) stands in for it. The browser is one demo resident, named once and remembered, so it keeps
 * its profile and subscriptions across visits.
 */
const RESIDENT_KEY = 'sandboxResident';

function resident(): string {
  const kept = Taro.getStorageSync(RESIDENT_KEY);
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(kept)) return kept;
  const name = `h5-${Math.random().toString(36).slice(2, 10)}`;
  Taro.setStorageSync(RESIDENT_KEY, name);
  return name;
}

async function standIn<T>(path: string, body: object): Promise<T> {
  let res: Awaited<ReturnType<typeof Taro.request>>;
  try {
    res = await Taro.request({ url: `${API_BASE}/sandbox/_mp${path}`, method: 'POST', data: body, header: { 'content-type': 'application/json' }, timeout: 10_000 });
  } catch {
    throw new Error('网络连接失败，请检查网络后重试');
  }
  if (res.statusCode === 404) throw new Error('浏览器版只能在演示环境中登录，请在微信中打开「镇江智慧人社」小程序');
  if (res.statusCode >= 400) throw new Error(`演示环境暂时不可用（${res.statusCode}），请稍后重试`);
  return res.data as T;
}

export async function getLoginCode(): Promise<string> {
  const { code } = await standIn<{ code: string }>('/login', { resident: resident() });
  return code;
}

/** Shows the choice WeChat's popup offers, then records it in the sandbox as WeChat would. */
export async function requestSubscribe(templateIds: string[], purpose: string): Promise<Record<string, string>> {
  const { confirm } = await Taro.showModal({
    title: '订阅消息',
    content: `「镇江智慧人社」想在有${purpose}的新消息时通知您（演示环境，代替微信的授权弹窗）`,
    confirmText: '允许',
    cancelText: '拒绝',
  });
  const answer = confirm ? 'accept' : 'reject';
  return standIn<Record<string, string>>('/subscribe', { resident: resident(), results: Object.fromEntries(templateIds.map((id) => [id, answer])) });
}
