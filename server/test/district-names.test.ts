import { ContentPage, CurrentWage, ErrorBody } from '@zj/shared';
import { aSubsidy, aWageStandard, publish } from './support/builders';
import { startTestSystem, type TestSystem } from './support/test-system';
import { parsedJson } from './support/http';

/** Residents write districts as they say them (丹阳市, 丹阳); the API reads those as it reads the codes. */

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
  await publish(t.system.content, aSubsidy({ title: '丹阳市创业补贴', districts: ['danyang'] }));
  await publish(t.system.content, aSubsidy({ title: '京口区创业补贴', districts: ['jingkou'] }));
  await publish(t.system.content, aSubsidy({ title: '全市创业补贴', districts: [] }));
  await publish(t.system.content, aWageStandard({ title: '江苏省最低工资标准(2026年)' }));
});
afterAll(() => t.close());

const get = (path: string, district: string) => t.get(`${path}${path.includes('?') ? '&' : '?'}district=${encodeURIComponent(district)}`);

describe('district names in requests', () => {
  it.each([['丹阳市'], ['丹阳'], [' 丹阳 '], ['镇江市丹阳市'], ['DANYANG']])('when a list is asked for district %s, then it answers as for danyang', async (name) => {
    const byCode = await parsedJson(await get('/api/v1/subsidies', 'danyang'), ContentPage);
    expect(byCode.items.map((i) => i.title)).toEqual(['全市创业补贴', '丹阳市创业补贴']);
    expect(await parsedJson(await get('/api/v1/subsidies', name), ContentPage)).toEqual(byCode);
  });

  it.each([['镇江新区'], ['经开区'], ['镇江新区（经开区）'], ['镇江新区(经开区)']])('when the new district is named %s, then it is xinqu', async (name) => {
    expect((await parsedJson(await get('/api/v1/wage-standards/current', name), CurrentWage)).district).toBe('xinqu');
  });

  it('when the current wage is asked for 丹阳, 丹阳市 or danyang, then the answers are the same', async () => {
    const answers = await Promise.all(['丹阳', '丹阳市', 'danyang'].map(async (d) => parsedJson(await get('/api/v1/wage-standards/current', d), CurrentWage)));
    expect(answers[0]).toMatchObject({ district: 'danyang', districtName: '丹阳市' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it.each([['南京'], ['nanjing'], ['镇江'], ['']])('when the district is %j, then it is 400 naming the parameter and the choices', async (name) => {
    const body = await parsedJson(await get('/api/v1/subsidies', name), ErrorBody, 400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(/^参数 district /);
    if (name) expect(body.error.message).toContain('丹阳市（danyang）');
  });
});

describe('the current wage standard for the whole city', () => {
  it('when no district is given, then every current rate comes back with the districts it covers', async () => {
    const city = await parsedJson(await t.get('/api/v1/wage-standards/current'), CurrentWage);
    expect(city).toMatchObject({ district: null, districtName: '镇江市', asOf: '2026-11-27' });
    expect(city.rates.map((r) => [r.type, r.tier, r.amount, r.districts])).toEqual([
      ['hourly_min', 1, 26, ['jingkou', 'runzhou', 'dantu', 'xinqu']],
      ['hourly_min', 2, 24, ['danyang', 'yangzhong', 'jurong']],
      ['monthly_min', 1, 2660, ['jingkou', 'runzhou', 'dantu', 'xinqu']],
      ['monthly_min', 2, 2420, ['danyang', 'yangzhong', 'jurong']],
    ]);
  });

  it('when a newer standard covers only some districts, then the others keep the older rate, each listed where it applies', async () => {
    await publish(
      t.system.content,
      aWageStandard({
        title: '京口区试行标准',
        details: { effectiveFrom: '2026-07-01', docNumber: '示例〔2026〕1号', rates: [{ type: 'monthly_min', tier: 1, amount: 2700, unit: '元/月', districts: ['jingkou'] }] },
      }),
    );
    const city = await parsedJson(await t.get('/api/v1/wage-standards/current'), CurrentWage);
    const monthly = city.rates.filter((r) => r.type === 'monthly_min').map((r) => [r.amount, r.districts]);
    expect(monthly).toEqual(
      expect.arrayContaining([
        [2700, ['jingkou']],
        [2660, ['runzhou', 'dantu', 'xinqu']],
        [2420, ['danyang', 'yangzhong', 'jurong']],
      ]),
    );
    expect(monthly).toHaveLength(3);
    const jingkou = await parsedJson(await get('/api/v1/wage-standards/current', '京口'), CurrentWage);
    expect(jingkou.rates.filter((r) => r.type === 'monthly_min').map((r) => [r.amount, r.districts])).toEqual([[2700, ['jingkou']]]);
  });

  it('when a date before any standard is asked for, then the city answer has no rates rather than an error', async () => {
    const city = await parsedJson(await t.get('/api/v1/wage-standards/current?on=2020-01-01'), CurrentWage);
    expect(city).toMatchObject({ district: null, rates: [] });
  });
});
