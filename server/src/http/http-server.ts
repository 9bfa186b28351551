import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface HttpServer {
  readonly server: Server;
  /** Binds the port; a port that is taken or not ours to use rejects with a PortUnavailableError. */
  listen(port: number, host: string): Promise<void>;
  /** Hands requests to the app; until then every request is answered 503 (start-up in progress). */
  serve(handler: RequestListener): void;
}

/** The port cannot be bound; the message tells the operator which setting to change. */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly reason: string,
  ) {
    super(PortUnavailableError.explain(port, host, reason));
    this.name = 'PortUnavailableError';
  }

  private static explain(port: number, host: string, reason: string): string {
    switch (reason) {
      case 'EADDRINUSE':
        return `port ${port} on ${host} is already in use by another process; stop it, or start on another port with PORT (e.g. PORT=${port + 1} npm start)`;
      case 'EACCES':
        return `not allowed to listen on port ${port} (ports below 1024 need privileges); choose another port with PORT`;
      default:
        return `cannot listen on ${host}:${port} (${reason}); check HOST (an address of this machine, default 127.0.0.1) and PORT`;
    }
  }
}

const LISTEN_ERRORS = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

function jsonResponse(status: number, code: string, message: string, extraHeaders = ''): string {
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
    `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}Connection: close\r\n\r\n${body}`
  );
}

/**
 * Node refuses a request line it cannot parse before any handler runs, and by default answers an empty
 * 400: a newcomer's `curl http://…/api/v1/search?q=创业` (raw UTF-8 in the URL) just fails. Say why instead,
 * in the API's error shape.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    socket.end(jsonResponse(431, 'invalid_request', '请求头过大'));
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.end(jsonResponse(408, 'invalid_request', '请求超时'));
  } else if (err.code === 'HPE_INVALID_URL') {
    socket.end(
      jsonResponse(400, 'invalid_request', '请求地址中含有未经 URL 编码的字符（如中文）：请先编码，例如 q=创业 写作 q=%E5%88%9B%E4%B8%9A，或使用 curl -G --data-urlencode "q=创业"'),
    );
  } else {
    socket.end(jsonResponse(400, 'invalid_request', '请求格式不正确，无法解析'));
  }
}

/**
 * The server the app runs on. main.ts binds it before opening the database, so a port in use is reported
 * at once rather than after migrations and seeding; it answers 503 until `serve` is called.
 */
export function createHttpServer(): HttpServer {
  let handler: RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5', connection: 'close' });
    res.end(JSON.stringify({ error: { code: 'starting', message: '服务正在启动，请稍候再试' } }));
  };
  const server = createServer((req, res) => handler(req, res));
  server.on('clientError', answerClientError);
  return {
    server,
    listen: (port, host) =>
      new Promise<void>((resolve, reject) => {
        const failed = (err: NodeJS.ErrnoException) => {
          server.off('listening', listening);
          reject(err.code && LISTEN_ERRORS.has(err.code) ? new PortUnavailableError(port, host, err.code) : err);
        };
        const listening = () => {
          server.off('error', failed);
          resolve();
        };
        server.once('error', failed).once('listening', listening);
        server.listen(port, host);
      }),
    serve(next) {
      handler = next;
    },
  };
}
