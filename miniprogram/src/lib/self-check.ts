import type { EligibilityAnswers, EligibilityResult, SelfCheckQuestion } from '@zj/shared';

/** What the resident has put in so far: typed text for numbers, an option code, or yes/no. */
export type FormValue = string | boolean;
export type SelfCheckForm = Partial<Record<string, FormValue>>;

export type Prepared = { ok: true; answers: EligibilityAnswers } | { ok: false; problems: string[] };

/** The question without the bracketed note on blanks, for naming it in a short message. */
export const shortLabel = (q: SelfCheckQuestion): string => q.label.replace(/（[^）]*）$/, '');

/**
 * The answers to send, or what to fix first: a required question left blank, or a number that is not a
 * whole number. Blank optional questions are left out (the server reads a blank as "does not apply").
 */
export function prepareAnswers(questions: readonly SelfCheckQuestion[], form: SelfCheckForm): Prepared {
  const answers: Record<string, string | number | boolean> = {};
  const problems: string[] = [];
  for (const q of questions) {
    const raw = form[q.field];
    const blank = raw === undefined || (typeof raw === 'string' && raw.trim() === '');
    if (blank) {
      if (q.required) problems.push(`请填写：${shortLabel(q)}`);
      continue;
    }
    if (q.input === 'number') {
      const text = String(raw).trim();
      if (!/^\d{1,4}$/.test(text)) problems.push(`${shortLabel(q)}请填写整数`);
      else answers[q.field] = Number(text);
    } else {
      answers[q.field] = raw;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers: answers as EligibilityAnswers };
}

/** The headline of a result: one plain sentence a resident can act on, and the tone to show it in. */
export function verdict(result: EligibilityResult): { tone: 'good' | 'bad' | 'info'; title: string } {
  switch (result.outcome) {
    case 'eligible':
      return { tone: 'good', title: '您符合申请条件' };
    case 'ineligible':
      return { tone: 'bad', title: `您暂不符合申请条件（${result.failed.length}项不符合）` };
    case 'incomplete':
      return { tone: 'info', title: '还需补充信息才能判断' };
    case 'not_open_yet':
      return { tone: 'info', title: '申请期尚未开始' };
    case 'closed':
      return { tone: 'bad', title: '申请期已结束' };
  }
}
