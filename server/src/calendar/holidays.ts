/**
 * Chinese statutory holiday calendar data (State Council notices), one entry per year.
 * Source of the facts: /work/shared/research/push-cms.md §4.5.
 *
 * Rows list every day of each holiday period (weekend days inside it too) as 'holiday',
 * and every 调休 Saturday/Sunday that is worked as 'workday'. Days not listed follow the
 * normal week (Mon–Fri working, Sat/Sun off).
 */

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** Calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
  date: string;
  kind: CalendarDayKind;
  /** e.g. 春节, 国庆节调休上班 */
  name: string;
}

export interface CalendarYear {
  year: number;
  /** The State Council notice the rows come from. */
  source: string;
  days: CalendarDay[];
}

const h = (date: string, name: string): CalendarDay => ({ date, kind: 'holiday', name });
const w = (date: string, name: string): CalendarDay => ({ date, kind: 'workday', name });

export const CALENDAR_SEED: readonly CalendarYear[] = [
  {
    year: 2025,
    source: '国办发明电〔2024〕12号',
    days: [
      h('2025-01-01', '元旦'),

      w('2025-01-26', '春节调休上班'),
      h('2025-01-28', '春节'),
      h('2025-01-29', '春节'),
      h('2025-01-30', '春节'),
      h('2025-01-31', '春节'),
      h('2025-02-01', '春节'),
      h('2025-02-02', '春节'),
      h('2025-02-03', '春节'),
      h('2025-02-04', '春节'),
      w('2025-02-08', '春节调休上班'),

      h('2025-04-04', '清明节'),
      h('2025-04-05', '清明节'),
      h('2025-04-06', '清明节'),

      w('2025-04-27', '劳动节调休上班'),
      h('2025-05-01', '劳动节'),
      h('2025-05-02', '劳动节'),
      h('2025-05-03', '劳动节'),
      h('2025-05-04', '劳动节'),
      h('2025-05-05', '劳动节'),

      h('2025-05-31', '端午节'),
      h('2025-06-01', '端午节'),
      h('2025-06-02', '端午节'),

      w('2025-09-28', '国庆节、中秋节调休上班'),
      h('2025-10-01', '国庆节、中秋节'),
      h('2025-10-02', '国庆节、中秋节'),
      h('2025-10-03', '国庆节、中秋节'),
      h('2025-10-04', '国庆节、中秋节'),
      h('2025-10-05', '国庆节、中秋节'),
      h('2025-10-06', '国庆节、中秋节'),
      h('2025-10-07', '国庆节、中秋节'),
      h('2025-10-08', '国庆节、中秋节'),
      w('2025-10-11', '国庆节、中秋节调休上班'),
    ],
  },
  {
    year: 2026,
    // 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04
    // (politics.gmw.cn/2025-11/04/content_38391083.htm). The document number was seen
    // only in a reprint of the notice; confirm it against gov.cn.
    source: '国办发明电〔2025〕7号',
    days: [
      h('2026-01-01', '元旦'),
      h('2026-01-02', '元旦'),
      h('2026-01-03', '元旦'),
      w('2026-01-04', '元旦调休上班'),

      w('2026-02-14', '春节调休上班'),
      h('2026-02-15', '春节'),
      h('2026-02-16', '春节'),
      h('2026-02-17', '春节'),
      h('2026-02-18', '春节'),
      h('2026-02-19', '春节'),
      h('2026-02-20', '春节'),
      h('2026-02-21', '春节'),
      h('2026-02-22', '春节'),
      h('2026-02-23', '春节'),
      w('2026-02-28', '春节调休上班'),

      h('2026-04-04', '清明节'),
      h('2026-04-05', '清明节'),
      h('2026-04-06', '清明节'),

      h('2026-05-01', '劳动节'),
      h('2026-05-02', '劳动节'),
      h('2026-05-03', '劳动节'),
      h('2026-05-04', '劳动节'),
      h('2026-05-05', '劳动节'),
      w('2026-05-09', '劳动节调休上班'),

      h('2026-06-19', '端午节'),
      h('2026-06-20', '端午节'),
      h('2026-06-21', '端午节'),

      w('2026-09-20', '国庆节调休上班'),
      h('2026-09-25', '中秋节'),
      h('2026-09-26', '中秋节'),
      h('2026-09-27', '中秋节'),

      h('2026-10-01', '国庆节'),
      h('2026-10-02', '国庆节'),
      h('2026-10-03', '国庆节'),
      h('2026-10-04', '国庆节'),
      h('2026-10-05', '国庆节'),
      h('2026-10-06', '国庆节'),
      h('2026-10-07', '国庆节'),
      w('2026-10-10', '国庆节调休上班'),
    ],
  },
];
