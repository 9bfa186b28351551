import type { RecruitmentStatus } from '@zj/shared';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3天4小时", "5小时12分", "8分钟": precise enough to act on, short enough for a card. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return '0分钟';
  if (ms >= DAY) {
    const days = Math.floor(ms / DAY);
    const hours = Math.floor((ms % DAY) / HOUR);
    return hours ? `${days}天${hours}小时` : `${days}天`;
  }
  if (ms >= HOUR) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes ? `${hours}小时${minutes}分` : `${hours}小时`;
  }
  return `${Math.max(1, Math.ceil(ms / MINUTE))}分钟`;
}

export interface RegistrationWindow {
  registrationOpensAt: string;
  registrationClosesAt: string;
}

/**
 * What the countdown of a recruitment says at `now`, from the registration window itself (not the
 * status the server computed when the page loaded, so a page left open stays right).
 */
export function registrationCountdown(window: RegistrationWindow, now: number): { phase: RecruitmentStatus; text: string } {
  const opens = Date.parse(window.registrationOpensAt);
  const closes = Date.parse(window.registrationClosesAt);
  if (now < opens) return { phase: 'upcoming', text: `距报名开始还有${formatRemaining(opens - now)}` };
  if (now < closes) return { phase: 'open', text: `距报名截止还有${formatRemaining(closes - now)}` };
  return { phase: 'closed', text: '报名已截止' };
}
