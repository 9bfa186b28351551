import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { answerRequests, json, pathOf, resetPhone } from './fake-api';
import { openPage } from './runtime/app';

/**
 * 我的 on the H5 runtime's platform files (the sandbox's stand-ins for wx.login and the subscribe popup,
 * which is Taro's own modal here) against a fake server that keeps state: what is called, in which order,
 * and what the resident sees.
 */

const TEMPLATE = 'ZJdemoSubRecruit0001';
const DAY = 24 * 3600_000;

function fakeServer() {
  const state = {
    calls: [] as string[],
    tokens: new Set<string>(),
    logins: 0,
    profile: { district: null as string | null, audiences: [] as string[] },
    subscriptions: new Map<string, { districts: string[]; audiences: string[]; since: string }>(),
    credits: 0,
    popupAnswers: [] as Record<string, string>[],
    fail: null as null | number,
    pushes: [] as object[],
  };
  const topics = () => ({
    items: [
      { code: 'institution_recruitment', name: '事业单位招聘', description: '事业单位公开招聘公告', templateIds: [TEMPLATE], subscription: state.subscriptions.get('institution_recruitment') ?? null },
      { code: 'wage_standard', name: '工资标准', description: '', templateIds: [TEMPLATE], subscription: state.subscriptions.get('wage_standard') ?? null },
    ],
  });
  answerRequests((req) => {
    const path = pathOf(req.url);
    state.calls.push(`${req.method} ${path}`);
    if (path === '/sandbox/_mp/login') return json({ code: `fake-code-${(req.data as { resident: string }).resident}.n${++state.logins}`, openid: 'oTest' });
    if (path === '/sandbox/_mp/subscribe') {
      const { results } = req.data as { results: Record<string, string> };
      state.popupAnswers.push(results);
      return json({ errMsg: 'requestSubscribeMessage:ok', ...results });
    }
    if (path === '/api/v1/session') {
      const token = `token-${state.logins}`;
      state.tokens.add(token);
      return json({ token, expiresAt: new Date(Date.now() + DAY).toISOString(), profile: state.profile });
    }
    if (!state.tokens.has((req.header?.authorization ?? '').replace('Bearer ', ''))) return json({ error: { code: 'unauthorized', message: '登录已过期，请重新登录' } }, 401);
    if (state.fail) return json('down', state.fail);
    if (path === '/api/v1/me/profile' && req.method === 'GET') return json(state.profile);
    if (path === '/api/v1/me/profile' && req.method === 'PUT') return json((state.profile = req.data as typeof state.profile));
    if (path === '/api/v1/topics') return json(topics());
    if (path === '/api/v1/me/credits') return json({ items: [{ templateId: TEMPLATE, title: '招聘信息提醒', kind: 'one_time', remaining: state.credits, rejected: false, sendable: state.credits > 0 }] });
    if (path === '/api/v1/me/pushes') return json({ items: state.pushes });
    if (path === '/api/v1/me/subscribe-results') {
      if ((req.data as Record<string, string>)[TEMPLATE] === 'accept') state.credits++;
      return json({ items: [], ignored: [] });
    }
    const topic = /^\/api\/v1\/me\/subscriptions\/(\w+)$/.exec(path)?.[1];
    if (topic && req.method === 'PUT') {
      const since = '2026-12-01T00:00:00.000Z';
      state.subscriptions.set(topic, { ...(req.data as { districts: string[]; audiences: string[] }), since });
      return json({ topic, name: topic, ...(req.data as object), since });
    }
    if (topic && req.method === 'DELETE') {
      state.subscriptions.delete(topic);
      return json({ items: [] });
    }
    return json({ error: { code: 'not_found', message: '没有这个接口' } }, 404);
  });
  return state;
}

const openMine = () => openPage('/pages/mine/index');
const logInByButton = async () => {
  await openMine();
  fireEvent.click(await screen.findByText('微信登录'));
  await screen.findByText('我的资料');
};
const topicCard = (code: string) => document.querySelector(`.topic-${code}`) as HTMLElement;
const within = (el: HTMLElement, text: string) => Array.from(el.querySelectorAll('taro-button-core, taro-text-core')).find((e) => e.textContent === text) as HTMLElement;

/** Waits for the `nth` subscribe popup (Taro's modal, standing in for WeChat's) and taps `button` on it. */
async function answerPopup(popup: jest.SpyInstance, nth: number, button: '允许' | '拒绝') {
  await waitFor(() => expect(popup).toHaveBeenCalledTimes(nth));
  const modal = document.querySelector('.taro__modal') as HTMLElement;
  fireEvent.click(Array.from(modal.querySelectorAll('.taro-model__btn')).find((e) => e.textContent === button)!);
}

beforeEach(() => resetPhone());

describe('我的', () => {
  it('when a resident logs in, then the sandbox gives a code, the session is kept, and profile, topics, credits and an empty inbox show', async () => {
    const server = fakeServer();
    await logInByButton();
    expect(server.calls.slice(0, 2)).toEqual(['POST /sandbox/_mp/login', 'POST /api/v1/session']);
    expect(Taro.getStorageSync('session')).toEqual({ token: 'token-1', expiresAt: expect.any(String) });
    expect(screen.getByText('事业单位招聘')).toBeTruthy();
    expect(screen.getByText('次数已用完，订阅时点「允许」可增加')).toBeTruthy();
    expect(screen.getByText(/还没有收到通知/)).toBeTruthy();
  });

  it('when the resident subscribes and allows the notification, then the popup comes first, its answer is reported, then the subscription is made', async () => {
    const server = fakeServer();
    const popup = jest.spyOn(Taro, 'showModal');
    const toast = jest.spyOn(Taro, 'showToast');
    await logInByButton();
    server.calls.length = 0;
    fireEvent.click(within(topicCard('institution_recruitment'), '订阅'));
    await answerPopup(popup, 1, '允许');
    await waitFor(() => expect(within(topicCard('institution_recruitment'), '已订阅')).toBeTruthy());
    expect(popup).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '允许', cancelText: '拒绝', content: expect.stringContaining('「事业单位招聘」') }));
    expect(server.calls.slice(0, 3)).toEqual(['POST /sandbox/_mp/subscribe', 'POST /api/v1/me/subscribe-results', 'PUT /api/v1/me/subscriptions/institution_recruitment']);
    expect(server.popupAnswers).toEqual([{ [TEMPLATE]: 'accept' }]);
    expect(screen.getByText('还可接收1次')).toBeTruthy();
    expect(screen.getByText('接收范围：全市 · 所有身份')).toBeTruthy();
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '订阅成功，有新消息时会通知您' })));
    expect(await screen.findByText('订阅成功，有新消息时会通知您')).toBeTruthy();
  });

  it('when the resident refuses the notification, then the topic is still subscribed, no credit is added, and they are told', async () => {
    const server = fakeServer();
    const popup = jest.spyOn(Taro, 'showModal');
    const toast = jest.spyOn(Taro, 'showToast');
    await logInByButton();
    fireEvent.click(within(topicCard('wage_standard'), '订阅'));
    await answerPopup(popup, 1, '拒绝');
    await waitFor(() => expect(within(topicCard('wage_standard'), '已订阅')).toBeTruthy());
    expect(server.popupAnswers).toEqual([{ [TEMPLATE]: 'reject' }]);
    expect(server.credits).toBe(0);
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('您未允许微信通知') })));
  });

  it('when the resident narrows a subscription to 丹阳市 and graduates, then exactly that is saved and shown', async () => {
    const server = fakeServer();
    const popup = jest.spyOn(Taro, 'showModal');
    await logInByButton();
    fireEvent.click(within(topicCard('institution_recruitment'), '订阅'));
    await answerPopup(popup, 1, '允许');
    await waitFor(() => expect(within(topicCard('institution_recruitment'), '修改范围')).toBeTruthy());
    fireEvent.click(within(topicCard('institution_recruitment'), '修改范围'));
    fireEvent.click(within(topicCard('institution_recruitment'), '丹阳市'));
    fireEvent.click(within(topicCard('institution_recruitment'), '高校毕业生'));
    fireEvent.click(within(topicCard('institution_recruitment'), '保存范围'));
    await screen.findByText('接收范围：丹阳市 · 高校毕业生');
    expect(server.subscriptions.get('institution_recruitment')).toMatchObject({ districts: ['danyang'], audiences: ['graduate'] });
  });

  it('when the kept token is refused (401), then the page logs in again by itself, once, and loads', async () => {
    const server = fakeServer();
    Taro.setStorageSync('session', { token: 'revoked', expiresAt: new Date(Date.now() + DAY).toISOString() });
    await openMine();
    await screen.findByText('我的资料');
    expect(server.logins).toBe(1);
    expect(screen.queryByText('微信登录')).toBeNull();
  });

  it('when the kept token has expired by the clock, then a new one is fetched before any call', async () => {
    const server = fakeServer();
    Taro.setStorageSync('session', { token: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() });
    await openMine();
    await screen.findByText('我的资料');
    expect(server.calls[0]).toBe('POST /sandbox/_mp/login');
    expect(server.calls.filter((c) => c.startsWith('GET')).length).toBe(4);
  });

  it('when loading fails, then the error is shown with 重试, which loads it', async () => {
    const server = fakeServer();
    await logInByButton();
    server.fail = 500;
    fireEvent.click(screen.getByText('退出登录'));
    fireEvent.click(await screen.findByText('微信登录'));
    await screen.findByText('服务暂时不可用（500），请稍后重试');
    server.fail = null;
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('我的资料');
  });

  it('when a push was received, then it is listed as unread and opening it goes to its page with the tracking parameters', async () => {
    const server = fakeServer();
    server.pushes = [{ pushId: 7, title: '丹阳市事业单位招聘公告', page: 'pages/recruitment/detail?id=3&push=7&d=41', sentAt: '2026-12-01T01:00:00.000Z', opened: false }];
    const navigate = jest.spyOn(Taro, 'navigateTo');
    await logInByButton();
    const item = (await screen.findByText('丹阳市事业单位招聘公告')).closest('.inbox-item') as HTMLElement;
    expect(item.textContent).toContain('未读');
    expect(item.textContent).toContain('2026年12月1日 09:00');
    fireEvent.click(item);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/recruitment/detail?id=3&push=7&d=41' });
    // The router opens the recruitment's page over 我的, which stays below it.
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/m/pages/recruitment/detail?id=3&push=7&d=41'));
    await waitFor(() => expect(document.querySelectorAll('.taro_page')).toHaveLength(2));
  });
});
