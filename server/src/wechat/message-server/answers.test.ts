import type { ContentSummary, CurrentWage } from '@zj/shared';
import {
  deadlineNote,
  fitReply,
  formatChineseDate,
  formatChineseDateTime,
  formatDistance,
  formatNearestHalls,
  formatSubsidyAnswer,
  formatWageAnswer,
  MAX_REPLY_BYTES,
  miniProgramLink,
} from './answers';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('fitReply', () => {
  it('when the text fits, then it is unchanged', () => {
    expect(fitReply('你好\n世界')).toBe('你好\n世界');
  });

  it('when the text is too long, then whole lines are kept, the limit holds and the reader is told there is more', () => {
    const text = Array.from({ length: 200 }, (_, i) => `${i}. <a data-miniprogram-appid="wx1" data-miniprogram-path="p?id=${i}">补贴${i}</a>`).join('\n');
    const fitted = fitReply(text);
    expect(bytes(fitted)).toBeLessThanOrEqual(MAX_REPLY_BYTES);
    expect(fitted).toContain('内容较多');
    for (const line of fitted.split('\n')) if (line.includes('<a ')) expect(line).toMatch(/<\/a>$/);
  });

  it('when one line alone is too long, then it is cut at a character boundary without a half tag', () => {
    const fitted = fitReply(`${'字'.repeat(700)}<a data-miniprogram-appid="wx1">标题</a>`, 300);
    expect(bytes(fitted)).toBeLessThanOrEqual(300);
    expect(fitted).not.toMatch(/<[^>]*$/m);
    expect(fitted.startsWith('字字')).toBe(true);
  });
});

describe('dates', () => {
  it('when an instant is formatted, then it is Beijing time with the weekday', () => {
    expect(formatChineseDateTime(new Date('2026-11-30T09:00:00Z'))).toBe('2026年11月30日（周一）17:00');
    expect(formatChineseDateTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日（周五）0:05');
    expect(formatChineseDate('2026-01-01')).toBe('2026年1月1日');
  });

  it('when a deadline is near, then it says today, tomorrow or the days left; far ones say nothing', () => {
    const now = new Date('2026-11-27T02:00:00Z');
    expect(deadlineNote(new Date('2026-11-27T09:00:00Z'), now)).toBe('今天截止');
    expect(deadlineNote(new Date('2026-11-28T09:00:00Z'), now)).toBe('明天截止');
    expect(deadlineNote(new Date('2026-11-30T09:00:00Z'), now)).toBe('还剩3天');
    expect(deadlineNote(new Date('2026-12-30T09:00:00Z'), now)).toBe('');
  });
});

const rate = (type: 'monthly_min' | 'hourly_min', tier: number, amount: number, docNumber = '苏人社规〔2025〕3号', effectiveFrom = '2026-01-01', isSample = false) => ({
  type,
  typeName: type,
  tier,
  amount,
  unit: type === 'monthly_min' ? '元/月' : '元/小时',
  effectiveFrom,
  standardId: 1,
  docNumber,
  isSample,
  districts: [],
});
const wage = (district: CurrentWage['district'], districtName: string, rates: CurrentWage['rates']): CurrentWage => ({ district, districtName, asOf: '2026-11-27', rates });

describe('formatWageAnswer', () => {
  it('when districts share a tier, then they are listed together under it, with one date and 文号', () => {
    const text = formatWageAnswer([
      wage('jingkou', '京口区', [rate('monthly_min', 1, 2660), rate('hourly_min', 1, 26)]),
      wage('danyang', '丹阳市', [rate('monthly_min', 2, 2420), rate('hourly_min', 2, 24)]),
      wage('runzhou', '润州区', [rate('monthly_min', 1, 2660), rate('hourly_min', 1, 26)]),
      wage('jurong', '句容市', []),
    ]);
    expect(text).toBe(
      [
        '镇江市现行最低工资标准',
        '（依据：苏人社规〔2025〕3号，2026年1月1日起执行）',
        '',
        '一类地区：京口区、润州区',
        '· 月最低工资：2660元/月',
        '· 非全日制小时最低工资：26元/小时',
        '',
        '二类地区：丹阳市',
        '· 月最低工资：2420元/月',
        '· 非全日制小时最低工资：24元/小时',
        '',
        '暂未收录：句容市',
        '',
        '最低工资不包括加班工资，中班、夜班、高温等特殊工作环境津贴和法定福利待遇。工资低于标准的，可拨打12333咨询，或向当地劳动保障监察机构投诉。',
      ].join('\n'),
    );
  });

  it('when tiers rest on different documents, then each tier names its own', () => {
    const text = formatWageAnswer([
      wage('jingkou', '京口区', [rate('monthly_min', 1, 2660)]),
      wage('danyang', '丹阳市', [rate('monthly_min', 2, 2280, '苏人社发〔2021〕72号', '2021-08-01')]),
    ]);
    expect(text).toContain('· 依据：苏人社发〔2021〕72号，2021年8月1日起执行');
    expect(text).not.toContain('（依据');
  });

  it('when a standard is sample data, then the answer says so instead of presenting it as official', () => {
    const official = formatWageAnswer([wage('jingkou', '京口区', [rate('monthly_min', 1, 2660)])]);
    expect(official).not.toContain('示例');
    const sample = formatWageAnswer([wage('jingkou', '京口区', [rate('monthly_min', 1, 2660, '苏人社规〔2025〕3号', '2026-01-01', true)])]);
    expect(sample).toContain('（以上金额含示例数据，尚未与官方文件核对，请以人社部门正式公布的标准为准。）');
  });

  it('when nothing is published, then the resident is pointed to 12333', () => {
    expect(formatWageAnswer([wage('jingkou', '京口区', [])])).toContain('12333');
  });
});

describe('links and halls', () => {
  it('when a mini-program appid is known, then titles link to the page; otherwise they stay plain text', () => {
    expect(miniProgramLink('一次性创业补贴', 'pages/subsidy/detail?id=7', 'wx8c4e2b7d9a1f3056')).toBe(
      '<a data-miniprogram-appid="wx8c4e2b7d9a1f3056" data-miniprogram-path="pages/subsidy/detail?id=7">一次性创业补贴</a>',
    );
    expect(miniProgramLink('<b>"补贴"</b>', 'p', null)).toBe('b补贴/b');
  });

  it('when distances are shown, then metres below 1 km and one decimal above', () => {
    expect(formatDistance(0.4321)).toBe('约430米');
    expect(formatDistance(3.26)).toBe('约3.3公里');
  });

  it('when no hall is known, then the hotline is offered instead', () => {
    expect(formatNearestHalls([])).toContain('12333');
  });
});

describe('formatSubsidyAnswer', () => {
  const subsidy = (id: number, title: string, opensOn: string | null, closesOn: string | null): Extract<ContentSummary, { kind: 'subsidy' }> => ({
      kind: 'subsidy',
      id,
      slug: `s${id}`,
      title,
      summary: '',
      topics: [],
      districts: [],
      audiences: [],
      department: '就业促进处',
      isSample: false,
      publishedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      brief: { amount: '每人1000元', opensOn, closesOn },
    });

  it('when some windows are closed or not yet open, then open ones come first and the others are marked with their dates', () => {
    const text = formatSubsidyAnswer(
      [subsidy(1, '已截止补贴', '2026-01-01', '2026-06-30'), subsidy(2, '未开始补贴', '2026-12-01', null), subsidy(3, '常年补贴', null, null)],
      { matched: true, miniProgramAppId: null, today: '2026-11-27' },
    );
    expect(text).toContain('1. 常年补贴\n标准：每人1000元\n2. 未开始补贴（尚未开始申请，2026年12月1日起可申请）\n标准：每人1000元\n3. 已截止补贴（申请期已结束，截止日期：2026年6月30日）');
    expect(text).not.toContain('更多补贴政策');
  });

  it('when more subsidies exist than are shown, then the reader is pointed to the full list', () => {
    const text = formatSubsidyAnswer([subsidy(3, '常年补贴', null, null)], { matched: true, miniProgramAppId: 'wx1', today: '2026-11-27', more: true });
    expect(text).toContain('更多补贴政策：<a data-miniprogram-appid="wx1" data-miniprogram-path="pages/subsidy/index">查看全部补贴政策</a>');
  });
});
