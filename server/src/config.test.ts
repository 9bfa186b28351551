import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('when nothing is set, then it runs embedded with the sandbox', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.sandbox).toBe(true);
    expect(c.database).toEqual({ dataDir: expect.stringMatching(/\/data$/) });
    expect(c.wechat.apiBase).toBe('http://127.0.0.1:3000/sandbox');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('when DATABASE_URL is set, then the server is used', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).database).toEqual({ url: 'postgres://u@127.0.0.1:5432/db' });
  });

  it('when values are wrong, then every problem is reported on its own line', () => {
    const env = { PORT: 'eighty', WECHAT_AES_KEY: 'a'.repeat(42), DATABASE_URL: 'mysql://x' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('WECHAT_AES_KEY:'))).toContain('exactly 43 characters');
      expect(problems.find((p) => p.startsWith('PORT:'))).toBeDefined();
    }
  });

  it('when a real secret is set without its token and appid, then start-up is refused', () => {
    expect(() => loadConfig({ WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef' })).toThrow(/WECHAT_TOKEN[\s\S]*WECHAT_APPID/);
  });

  it('when real credentials are complete, then the sandbox is off and the real API is the default base', () => {
    const c = loadConfig({ WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef', WECHAT_TOKEN: 'tok123', WECHAT_APPID: 'wx0123456789abcdef' });
    expect(c.sandbox).toBe(false);
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });
});
