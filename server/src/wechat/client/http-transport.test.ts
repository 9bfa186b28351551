import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONNECT_TIMEOUT_CODE, createHttpTransport, HttpTimeoutError } from './http-transport';

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server; connections: () => number }> {
  let connections = 0;
  const server = createServer(handler).on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, connections: () => connections };
}

describe('http transport', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  it('when several requests follow one another, then they reuse kept-alive connections and each gets its answer', async () => {
    const bodies: string[] = [];
    const s = await serve((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => (bodies.push(body), res.setHeader('content-type', 'application/json').end(`{"echo":${JSON.stringify(body)}}`)));
    });
    servers.push(s.server);
    const transport = createHttpTransport();
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const answer = await transport({ method: 'POST', url: `${s.url}/x?n=${n}`, headers: { 'content-type': 'application/json' }, body: `{"n":${n},"名":"镇江"}`, timeoutMs: 2_000 });
      expect(answer).toEqual({ status: 200, text: JSON.stringify({ echo: `{"n":${n},"名":"镇江"}` }) });
    }
    expect(bodies).toHaveLength(6);
    // A connection is free again a microtask after its answer is read, so the next request may open a
    // second one; from then on the two are reused.
    expect(s.connections()).toBeLessThanOrEqual(2);
  });

  it('when the server answers with an error status, then the status and body come back rather than a failure', async () => {
    const s = await serve((_req, res) => res.writeHead(502).end('<html>bad gateway</html>'));
    servers.push(s.server);
    await expect(createHttpTransport()({ method: 'GET', url: s.url, timeoutMs: 2_000 })).resolves.toEqual({ status: 502, text: '<html>bad gateway</html>' });
  });

  it('when the answer does not come in time (even after its headers), then the request fails with a timeout', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"errcode":');
      // the rest never comes
    });
    servers.push(s.server);
    const started = Date.now();
    const failure = await createHttpTransport()({ method: 'POST', url: s.url, body: '{}', timeoutMs: 200 }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('when nothing listens, then the failure carries the socket code that says nothing was sent', async () => {
    const s = await serve(() => undefined);
    const { url } = s;
    await new Promise((resolve) => s.server.close(resolve));
    await expect(createHttpTransport()({ method: 'GET', url, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('when every connection is busy until the budget runs out, then the failure says no connection was had', async () => {
    const paths: string[] = [];
    const s = await serve((req) => paths.push(req.url ?? '')); // never answers: the one connection stays busy
    servers.push(s.server);
    const transport = createHttpTransport({ maxSockets: 1 });
    const first = transport({ method: 'GET', url: `${s.url}/first`, timeoutMs: 500 }).catch((err: unknown) => err);
    const second = await transport({ method: 'GET', url: `${s.url}/second`, timeoutMs: 150 }).catch((err: unknown) => err);
    expect(second).toMatchObject({ code: CONNECT_TIMEOUT_CODE });
    expect(await first).toBeInstanceOf(HttpTimeoutError);
    // The connection is free again once the first gave up: the second, given up already, is not sent on it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(paths).toEqual(['/first']);
  });
});
