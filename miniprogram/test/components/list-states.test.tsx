import { fireEvent, screen } from '@testing-library/react';
import { answerRequests, json, pathOf, resetPhone } from './fake-api';
import { openPage } from './runtime/app';

/** A list page's loading, empty, error-with-retry and "more" states, on the 补贴 list behind a fake API. */

const summary = (id: number, title: string) => ({
  kind: 'subsidy',
  id,
  slug: `s-${id}`,
  title,
  summary: `${title}的摘要`,
  topics: ['employment_subsidy'],
  districts: [],
  audiences: ['individual'],
  department: '就业促进处',
  isSample: false,
  publishedAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-01-05T02:00:00.000Z',
  brief: { amount: '每人1000元', opensOn: null, closesOn: null },
});
const topics = { items: [{ code: 'employment_subsidy', name: '就业创业补贴', description: '', templateIds: [] }] };

beforeEach(() => resetPhone());

describe('list states', () => {
  it('when the API fails, then the page says so instead of a blank list, and 重试 loads it', async () => {
    let down = true;
    let answer = () => undefined as void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    answerRequests(async (req) => {
      const path = pathOf(req.url);
      if (path === '/api/v1/topics') return json(topics);
      await answered;
      if (down) return json('<html>gateway</html>', 503);
      return json({ items: [summary(1, '一次性创业补贴')], nextCursor: null });
    });
    await openPage('/pages/subsidy/index');
    expect(screen.getByText('正在加载…')).toBeTruthy();
    answer();
    await screen.findByText('服务暂时不可用（503），请稍后重试');
    down = false;
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('一次性创业补贴');
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('when the network is down, or the server answers something unexpected, then each is said in words', async () => {
    answerRequests(() => {
      throw new Error('request:fail');
    });
    await openPage('/pages/subsidy/index');
    await screen.findByText('网络连接失败，请检查网络后重试');
    answerRequests((req) => (pathOf(req.url) === '/api/v1/topics' ? json(topics) : json({ items: [{ id: 'not a summary' }], nextCursor: null })));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await openPage('/pages/subsidy/index');
    await screen.findByText('服务返回的数据有误，请稍后重试');
    // The developer's console says which answer broke the contract, and where.
    expect(warn).toHaveBeenCalledWith('unexpected response from /subsidies', [expect.objectContaining({ path: ['items', 0, 'kind'] })]);
    warn.mockRestore();
  });

  it('when there are no subsidies, then the empty state says so', async () => {
    answerRequests((req) => (pathOf(req.url) === '/api/v1/topics' ? json(topics) : json({ items: [], nextCursor: null })));
    await openPage('/pages/subsidy/index');
    await screen.findByText('暂无补贴政策');
  });

  it('when there is another page, then 加载更多 fetches it with the cursor, and a failure there keeps what was shown', async () => {
    const cursors: (string | null)[] = [];
    let failMore = true;
    answerRequests((req) => {
      const url = new URL(req.url, 'http://app.test');
      if (url.pathname === '/api/v1/topics') return json(topics);
      cursors.push(url.searchParams.get('cursor'));
      if (!url.searchParams.get('cursor')) return json({ items: [summary(1, '一次性创业补贴')], nextCursor: 'c2' });
      if (failMore) return json({ error: { code: 'rate_limited', message: '请求过于频繁，请稍后再试' } }, 429);
      return json({ items: [summary(2, '就业见习补贴')], nextCursor: null });
    });
    await openPage('/pages/subsidy/index');
    await screen.findByText('一次性创业补贴');
    fireEvent.click(screen.getByText('加载更多'));
    await screen.findByText('请求过于频繁，请稍后再试');
    expect(screen.getByText('一次性创业补贴')).toBeTruthy();
    failMore = false;
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('就业见习补贴');
    expect(cursors).toEqual([null, 'c2', 'c2']);
  });
});
