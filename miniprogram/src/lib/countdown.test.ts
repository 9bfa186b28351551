import { formatRemaining, registrationCountdown } from './countdown';

const window = { registrationOpensAt: '2025-06-10T09:00:00+08:00', registrationClosesAt: '2025-06-20T17:00:00+08:00' };
const at = (iso: string) => Date.parse(iso);

describe('registration countdown', () => {
  it('when registration has not opened, then it counts down to the opening', () => {
    expect(registrationCountdown(window, at('2025-06-08T07:00:00+08:00'))).toEqual({ phase: 'upcoming', text: '距报名开始还有2天2小时' });
  });

  it('when registration is open, then it counts down to the closing, in hours and minutes on the last day', () => {
    expect(registrationCountdown(window, at('2025-06-12T17:00:00+08:00')).text).toBe('距报名截止还有8天');
    expect(registrationCountdown(window, at('2025-06-20T11:30:00+08:00'))).toEqual({ phase: 'open', text: '距报名截止还有5小时30分' });
    expect(registrationCountdown(window, at('2025-06-20T16:59:30+08:00')).text).toBe('距报名截止还有1分钟');
  });

  it('when the closing time has passed, then it says registration is closed', () => {
    expect(registrationCountdown(window, at('2025-06-20T17:00:00+08:00'))).toEqual({ phase: 'closed', text: '报名已截止' });
  });

  it('when less than an hour is left, then minutes are rounded up, never shown as zero', () => {
    expect(formatRemaining(59 * 60_000 + 1)).toBe('60分钟');
    expect(formatRemaining(1000)).toBe('1分钟');
  });
});
