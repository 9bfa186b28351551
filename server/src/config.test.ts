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

  describe('half-configured deployments', () => {
    const REAL = { WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef', WECHAT_TOKEN: 'tok123', WECHAT_APPID: 'wx0123456789abcdef' };
    const MP = { MP_APPID: 'wx1123456789abcdef', MP_SECRET: '1123456789abcdef0123456789abcdef' };
    const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
      }
    };

    it.each([
      ['a real token without the secret', { WECHAT_TOKEN: 'tok123' }, 'WECHAT_TOKEN: set without WECHAT_APPSECRET'],
      ['a real appid without the secret', { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_AES_KEY: AES_KEY }, 'WECHAT_APPID: set without WECHAT_APPSECRET'],
      ['a real mini-program without the official account secret', MP, 'MP_SECRET: set without WECHAT_APPSECRET'],
      ['a real secret with the API base at the sandbox', { ...REAL, ...MP, WECHAT_API_BASE: 'http://127.0.0.1:3000/sandbox' }, 'WECHAT_API_BASE: points at the local sandbox'],
      ['a real secret with the API base at the sandbox/', { ...REAL, ...MP, WECHAT_API_BASE: 'http://10.0.0.5:3000/sandbox/' }, 'WECHAT_API_BASE: points at the local sandbox'],
    ])('when %s is configured, then start-up is refused with one line naming it', (_case, env, problem) => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(problem);
    });

    it.each([
      ['nothing (the demo)', {}, true, []],
      ['the whole real platform', { ...REAL, ...MP }, false, []],
      ['a real secret behind a proxy of the platform', { ...REAL, ...MP, WECHAT_API_BASE: 'https://wx-proxy.example.cn/api' }, false, []],
      ['the official account without the mini-program', REAL, false, ['MP_APPID and MP_SECRET are not set: mini-program login is unavailable']],
      ['only an AES key (safe mode tried on the sandbox)', { WECHAT_AES_KEY: AES_KEY }, true, ['WECHAT_AES_KEY is set without WECHAT_APPSECRET: the local sandbox stands in']],
    ])('when %s is configured, then it starts with the expected warnings', (_case, env, sandbox, warnings) => {
      const c = loadConfig(env);
      expect(c.sandbox).toBe(sandbox);
      expect(c.warnings).toHaveLength(warnings.length);
      warnings.forEach((w, i) => expect(c.warnings[i]).toContain(w));
    });

    it('when the mini-program is not configured beside a real official account, then it is marked unconfigured; otherwise configured', () => {
      expect(loadConfig(REAL).miniProgram.configured).toBe(false);
      expect(loadConfig({ ...REAL, ...MP }).miniProgram).toEqual({ appId: MP.MP_APPID, secret: MP.MP_SECRET, configured: true });
      expect(loadConfig({}).miniProgram.configured).toBe(true);
    });
  });
});

describe('loadConfig: where the embedded database lives', () => {
  it('when npm start is typed in the repo root (npm runs it in server/ but sets INIT_CWD), then the data folder is data/ at the root', () => {
    expect(loadConfig({ INIT_CWD: '/srv/zhenjiang' }).database).toEqual({ dataDir: '/srv/zhenjiang/data' });
    expect(loadConfig({ INIT_CWD: '/srv/zhenjiang', DATA_DIR: 'var/db' }).database).toEqual({ dataDir: '/srv/zhenjiang/var/db' });
  });

  it('when DATA_DIR is absolute, then it is used as it is', () => {
    expect(loadConfig({ INIT_CWD: '/srv/zhenjiang', DATA_DIR: '/var/lib/zj' }).database).toEqual({ dataDir: '/var/lib/zj' });
  });

  it('when not started through npm, then a relative DATA_DIR is relative to the current folder', () => {
    expect(loadConfig({ DATA_DIR: 'db' }).database).toEqual({ dataDir: `${process.cwd()}/db` });
  });
});

describe('loadConfig: push sending', () => {
  it('when nothing is set, then 2,000 sends/s shared, 256 in flight per instance and quiet 22:00-08:00 Beijing time', () => {
    expect(loadConfig({}).pushes).toEqual({ ratePerSecond: 2000, concurrency: 256, quietHours: { startMinute: 22 * 60, endMinute: 8 * 60 } });
  });

  it('when set, then the values are used; PUSH_QUIET_HOURS=off means no quiet hours', () => {
    const c = loadConfig({ PUSH_SEND_RATE_PER_SECOND: '500', PUSH_CONCURRENCY: '16', PUSH_QUIET_HOURS: 'off' });
    expect(c.pushes).toEqual({ ratePerSecond: 500, concurrency: 16, quietHours: null });
    expect(loadConfig({ PUSH_QUIET_HOURS: ' 12:30-13:30 ' }).pushes.quietHours).toEqual({ startMinute: 12 * 60 + 30, endMinute: 13 * 60 + 30 });
  });

  it('when a push setting is wrong, then start-up is refused with one line naming each', () => {
    try {
      loadConfig({ PUSH_SEND_RATE_PER_SECOND: '0', PUSH_CONCURRENCY: '2.5', PUSH_QUIET_HOURS: '22-8' });
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('PUSH_SEND_RATE_PER_SECOND:'))).toBeDefined();
      expect(problems.find((p) => p.startsWith('PUSH_CONCURRENCY:'))).toContain('whole number');
      expect(problems).toContain('PUSH_QUIET_HOURS: must be HH:MM-HH:MM in Beijing time (e.g. 22:00-08:00), or off');
    }
    expect(() => loadConfig({ PUSH_QUIET_HOURS: '08:00-08:00' })).toThrow(/PUSH_QUIET_HOURS/);
  });
});
