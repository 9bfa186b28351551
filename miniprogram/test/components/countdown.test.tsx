import { act, render, screen } from '@testing-library/react';
import { Countdown } from '../../src/components/countdown';

/** The registration countdown on a recruitment, left open while time passes. */

const window = { registrationOpensAt: '2026-12-01T09:00:00+08:00', registrationClosesAt: '2026-12-03T17:00:00+08:00' };

afterEach(() => jest.useRealTimers());

describe('the registration countdown', () => {
  it('when the page stays open across the opening and the deadline, then it counts to the opening, then to the deadline, then says it closed', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-30T07:30:00+08:00') });
    render(<Countdown window={window} />);
    expect(screen.getByText('距报名开始还有1天1小时').className).toBe('countdown countdown-upcoming');
    act(() => jest.setSystemTime(Date.parse('2026-12-01T08:59:10+08:00')));
    act(() => jest.advanceTimersByTime(30_000));
    expect(screen.getByText('距报名开始还有1分钟')).toBeTruthy();
    act(() => jest.setSystemTime(Date.parse('2026-12-03T12:15:00+08:00')));
    act(() => jest.advanceTimersByTime(30_000));
    expect(screen.getByText('距报名截止还有4小时44分').className).toBe('countdown countdown-open');
    act(() => jest.setSystemTime(Date.parse('2026-12-03T17:00:00+08:00')));
    act(() => jest.advanceTimersByTime(30_000));
    expect(screen.getByText('报名已截止').className).toBe('countdown countdown-closed');
  });

  it('when the countdown leaves the page, then its timer stops', () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-02T09:00:00+08:00') });
    const { unmount } = render(<Countdown window={window} />);
    // Taro's web component schedules its first paint; once that is done, the countdown's timer is the one left.
    act(() => jest.advanceTimersByTime(1000));
    expect(jest.getTimerCount()).toBe(1);
    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });
});
