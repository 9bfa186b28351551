import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * What a client reads when a request does not match the schema: one Chinese sentence per problem that
 * names the parameter, never zod's own wording.
 */

let t: TestSystem;
let subsidyId: number;
beforeAll(async () => {
  t = await startTestSystem({ seed: true });
  const page = (await (await t.get('/api/v1/subsidies')).json()) as { items: { id: number }[] };
  subsidyId = page.items[0]!.id;
});
afterAll(() => t.close());

async function refusal(res: Response): Promise<string> {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('invalid_request');
  return body.error.message;
}

const getMessage = async (path: string) => refusal(await t.get(path));
const postMessage = async (path: string, body: unknown) => refusal(await t.post(path, body));

describe('validation messages', () => {
  it('when a required parameter is missing or blank, then it is named as not to be empty', async () => {
    expect(await getMessage('/api/v1/search')).toBe('参数 q 不能为空');
    expect(await getMessage('/api/v1/search?q=%20%20')).toBe('参数 q 不能为空');
    expect(await getMessage('/api/v1/wage-standards/current?district=')).toBe('参数 district 不能为空');
  });

  it('when a value is too long or out of range, then the limit is named', async () => {
    expect(await getMessage(`/api/v1/search?q=${'字'.repeat(51)}`)).toBe('参数 q 不能超过 50 个字');
    expect(await getMessage('/api/v1/subsidies?limit=51')).toBe('参数 limit 不能大于 50');
    expect(await getMessage('/api/v1/subsidies?limit=0')).toBe('参数 limit 不能小于 1');
  });

  it('when a value has the wrong type or format, then the expected one is named', async () => {
    expect(await getMessage('/api/v1/subsidies?limit=abc')).toBe('参数 limit 应为数字');
    expect(await getMessage('/api/v1/subsidies?limit=2.5')).toBe('参数 limit 应为整数');
    expect(await getMessage('/api/v1/subsidies/abc')).toBe('参数 id 应为正整数');
    expect(await getMessage('/api/v1/wage-standards/current?district=jingkou&on=2026-13-01')).toBe('参数 on 应为日期，格式如 2026-01-31');
    expect(await postMessage(`/api/v1/subsidies/${subsidyId}/check`, { age: '三十' })).toBe('参数 age 应为数字');
    expect(await postMessage(`/api/v1/subsidies/${subsidyId}/check`, [])).toBe('请求体应为 JSON 对象');
  });

  it('when a value is not one of a fixed list, then the allowed values are listed', async () => {
    expect(await getMessage('/api/v1/wage-standards/current?district=nanjing')).toBe(
      '参数 district 的值无效，可填区县名称或代码：京口区（jingkou）、润州区（runzhou）、丹徒区（dantu）、镇江新区（xinqu）、丹阳市（danyang）、扬中市（yangzhong）、句容市（jurong）',
    );
    expect(await getMessage('/api/v1/recruitments?status=soon')).toMatch(/^参数 status 的值无效，可选：.*open/);
  });

  it('when a parameter is not part of the request, then it is named as unsupported', async () => {
    expect(await getMessage('/api/v1/search?q=%E5%88%9B%E4%B8%9A&foo=1')).toBe('不支持的参数 foo');
    expect(await getMessage('/api/v1/topics?page=2')).toBe('不支持的参数 page');
    expect(await postMessage(`/api/v1/subsidies/${subsidyId}/check`, { age: 30, salary: 1 })).toBe('不支持的参数 salary');
  });

  it('when several parameters are wrong, then each is named once', async () => {
    expect(await getMessage('/api/v1/subsidies?limit=abc&district=nanjing&x=1')).toBe(
      '参数 district 的值无效，可填区县名称或代码：京口区（jingkou）、润州区（runzhou）、丹徒区（dantu）、镇江新区（xinqu）、丹阳市（danyang）、扬中市（yangzhong）、句容市（jurong）；参数 limit 应为数字；不支持的参数 x',
    );
  });

  it('when the sandbox chat is sent a bad openid, then its answer uses the same wording', async () => {
    expect(await getMessage('/sandbox/_chat/timeline/bad!')).toBe('参数 openid 格式不正确');
    expect(await postMessage('/sandbox/_chat/send', { openid: 'x', type: 'text', content: '你好' })).toMatch(/^参数 openid 格式不正确/);
  });
});
