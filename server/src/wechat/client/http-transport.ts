import http from 'node:http';
import https from 'node:https';

/**
 * One HTTP exchange over node:http with kept-alive connections: what the WeChat client and the sandbox's
 * pushes to /wechat need, no more. Global fetch (undici) costs about five times the CPU per request
 * (0.62 ms against 0.12 ms of client CPU, measured on the 2-core CI machine with 64 requests in flight),
 * which at thousands of template messages a second is most of a core.
 */

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL | string;
  headers?: Record<string, string>;
  body?: string;
  /** Budget of the whole exchange, body included. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  text: string;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** No whole answer within the request's budget; the request may have reached the other side. */
export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** The budget ran out before a connection was had (none opened, or all busy): nothing was sent. */
export const CONNECT_TIMEOUT_CODE = 'ECONNECTTIMEOUT';

export interface HttpTransportOptions {
  /** Connections per host at most; requests beyond wait for one. */
  maxSockets?: number;
  /** How long an idle connection is kept (shortened to what the server announces in Keep-Alive). */
  idleMs?: number;
}

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 256, timeout: options.idleMs ?? 4_000 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
      const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : null;
      if (protocol === null) return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const headers = { ...request.headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) };
      const module = protocol === 'https:' ? https : http;
      const req = module.request(url, { method: request.method, headers, agent: agents[protocol] });
      // Rejects first: destroying a request whose answer has begun fails it with "aborted", not a timeout.
      const timer = setTimeout(() => {
        const connected = req.socket != null && !req.socket.connecting;
        reject(connected ? new HttpTimeoutError(request.timeoutMs) : Object.assign(new Error(`no connection within ${request.timeoutMs} ms`), { code: CONNECT_TIMEOUT_CODE }));
        req.destroy();
      }, request.timeoutMs);
      req.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        res.once('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body);
    });
}
