import { connect as connectTcp } from 'node:net';
import { startTestSystem, type TestSystem } from './support/test-system';

/** The raw answer to bytes sent as they are: fetch would percent-encode the URL, curl does not. */
async function rawRequest(url: string, request: Buffer): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connectTcp(Number(port), hostname, () => socket.end(request));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body };
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

describe('the front door at / (sandbox mounted)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ seed: true });
  });
  afterAll(() => t.close());

  it('when a newcomer opens /, then it links the sandbox chat, the API contract, example requests and the health check', async () => {
    const res = await t.get('/');
    expect(res.status).toBe(200);
    const links = linksOf(await res.text());
    expect(links).toEqual(
      expect.arrayContaining(['/sandbox', '/api/v1/openapi.json', '/api/v1/search?q=%E5%88%9B%E4%B8%9A', '/api/v1/subsidies', '/healthz']),
    );
  });

  it('when every link on / is followed, then each answers 200, and none carries raw non-ASCII characters', async () => {
    const links = linksOf(await (await t.get('/')).text());
    for (const link of links) {
      expect(link).toMatch(/^[\x21-\x7e]+$/);
      expect({ link, status: (await t.get(link)).status }).toEqual({ link, status: 200 });
    }
  });

  it('when a URL carries raw Chinese (curl without --data-urlencode), then the answer is a JSON 400 saying how to encode it', async () => {
    const res = await rawRequest(t.url, Buffer.from('GET /api/v1/search?q=创业 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'utf8'));
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'invalid_request', message: expect.stringContaining('q=%E5%88%9B%E4%B8%9A') },
    });
  });

  it('when the same search is percent-encoded, then it is answered', async () => {
    const res = await rawRequest(t.url, Buffer.from('GET /api/v1/search?q=%E5%88%9B%E4%B8%9A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
    expect(res.status).toBe(200);
  });
});

describe('the front door at / (real WeChat secret)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ wechat: { sandbox: false } });
  });
  afterAll(() => t.close());

  it('when no sandbox is mounted, then / does not link to it', async () => {
    const html = await (await t.get('/')).text();
    expect(linksOf(html)).toContain('/api/v1/openapi.json');
    expect(linksOf(html)).not.toContain('/sandbox');
    expect((await t.get('/sandbox')).status).toBe(404);
  });
});
