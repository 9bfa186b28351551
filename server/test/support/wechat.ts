import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createMessageCrypto } from '../../src/wechat/protocol/message-crypto';
import type { SandboxOptions } from '../../src/system';
import type { WechatSettings } from '../../src/wechat/client/platform';
import { verifyUrlSignature } from '../../src/wechat/protocol/signature';
import { parseXml } from '../../src/wechat/protocol/xml';

export type TestWechatOptions = Partial<Omit<WechatSettings, 'officialAccount'>> & {
  officialAccount?: Partial<WechatSettings['officialAccount']>;
  sandboxOptions?: SandboxOptions['config'];
  callbackUrl?: SandboxOptions['callbackUrl'];
};

/**
 * The sandbox settings of an empty environment, pointed at the test server once it listens, with
 * millisecond backoff so retry tests stay fast.
 */
export function testWechatSettings(baseUrl: () => string, options: Omit<TestWechatOptions, 'sandboxOptions' | 'callbackUrl'> = {}): WechatSettings {
  const config = loadConfig({});
  const { officialAccount, ...rest } = options;
  return {
    sandbox: true,
    apiBase: () => `${baseUrl()}/sandbox`,
    officialAccount: {
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret,
      token: config.wechat.token,
      aesKey: config.wechat.aesKey,
      ...officialAccount,
    },
    miniProgram: { ...config.miniProgram },
    pushes: { timestampWindowSeconds: config.wechat.timestampWindowSeconds, compatibleMode: config.wechat.compatibleMode },
    ...rest,
    client: { timeoutMs: 5_000, retry: { attempts: 3, baseDelayMs: 2, maxDelayMs: 20, minuteQuotaDelayMs: 5 }, ...rest.client },
  };
}

export interface ReceivedPush {
  query: Record<string, string>;
  body: string;
  signatureValid: boolean;
  /** The decrypted event in 安全模式, else the body itself. */
  xml: string;
  fields: Record<string, unknown>;
}

/**
 * A small HTTP endpoint standing where /wechat will be: it checks the signature the way WeChat's pushes
 * must be checked (and decrypts in 安全模式), records what arrived, and answers `success`.
 */
export async function startPushReceiver(options: { token: string; appId: string; aesKey?: string | null }): Promise<{
  url: string;
  received: ReceivedPush[];
  close(): Promise<void>;
}> {
  const received: ReceivedPush[] = [];
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const body = await read(req);
    let signatureValid = verifyUrlSignature({ token: options.token, timestamp: query.timestamp, nonce: query.nonce, signature: query.signature });
    let xml = body;
    if (options.aesKey) {
      const crypto = createMessageCrypto({ token: options.token, encodingAesKey: options.aesKey, appId: options.appId });
      try {
        xml = crypto.verifyAndDecrypt({
          timestamp: query.timestamp ?? '',
          nonce: query.nonce ?? '',
          encrypt: String(parseXml(body).Encrypt ?? ''),
          msgSignature: query.msg_signature ?? '',
        });
      } catch {
        signatureValid = false;
      }
    }
    received.push({ query, body, signatureValid, xml, fields: signatureValid ? parseXml(xml) : {} });
    res.writeHead(signatureValid ? 200 : 401, { 'content-type': 'text/plain' }).end(signatureValid ? 'success' : 'bad signature');
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
