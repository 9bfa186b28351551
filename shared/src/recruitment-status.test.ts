import { recruitmentStatus } from './recruitment-status';

const schedule = {
  registrationOpensAt: '2026-03-02T09:00:00+08:00',
  registrationClosesAt: '2026-03-06T17:00:00+08:00',
  examOn: '2026-03-28',
  finishesOn: null,
};
const at = (iso: string) => new Date(iso);

describe('recruitmentStatus', () => {
  it.each([
    ['2026-03-02T08:59:59+08:00', 'upcoming'],
    ['2026-03-02T09:00:00+08:00', 'open'],
    ['2026-03-06T17:00:00+08:00', 'open'],
    ['2026-03-06T17:00:01+08:00', 'closed'],
    ['2026-03-28T23:59:59+08:00', 'closed'],
    ['2026-03-29T00:00:00+08:00', 'finished'],
  ])('at %s the status is %s', (now, expected) => {
    expect(recruitmentStatus(schedule, at(now))).toBe(expected);
  });

  it('when the Shanghai day has turned but the UTC day has not, then the Shanghai day counts', () => {
    // 2026-03-28T16:30Z is already 00:30 on 3/29 in Zhenjiang.
    expect(recruitmentStatus(schedule, at('2026-03-28T16:30:00Z'))).toBe('finished');
  });

  it('when there is neither exam nor finish day, then it is finished as soon as registration closes', () => {
    expect(recruitmentStatus({ ...schedule, examOn: null }, at('2026-03-07T00:00:00+08:00'))).toBe('finished');
  });

  it('when a finish day is set, then it wins over the exam day', () => {
    expect(recruitmentStatus({ ...schedule, finishesOn: '2026-04-30' }, at('2026-04-15T12:00:00+08:00'))).toBe('closed');
  });
});
