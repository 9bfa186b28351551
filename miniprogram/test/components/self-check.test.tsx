import { checkEligibility, EligibilityAnswers, type EligibilityRule } from '@zj/shared';
import Taro from '@tarojs/taro';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { aSubsidyDetail, answerRequests, json, pathOf, resetPhone } from './fake-api';
import { openPage } from './runtime/app';

/**
 * 资格自测 as the resident uses it: the questionnaire built from the subsidy's rules, answered by tapping
 * and typing, judged by the same evaluator the server runs (shared/src/eligibility.ts) behind a fake API.
 */

const rules: EligibilityRule[] = [
  { op: 'between', field: 'age', min: 18, max: 60, condition: '年龄在18至60周岁之间' },
  { op: 'oneOf', field: 'district', values: ['jingkou', 'danyang'], condition: '在京口区或丹阳市创业' },
  {
    op: 'anyOf',
    condition: '退役军人或就业困难人员',
    rules: [
      { op: 'is', field: 'isVeteran', value: true, condition: '退役军人' },
      { op: 'is', field: 'isHardToEmploy', value: true, condition: '就业困难人员' },
    ],
  },
];
const subsidy = aSubsidyDetail(7, rules);
let checks: unknown[] = [];

beforeEach(() => {
  resetPhone();
  checks = [];
  answerRequests((req) => {
    const path = pathOf(req.url);
    if (path === '/api/v1/subsidies/7' && req.method === 'GET') return json(subsidy);
    if (path === '/api/v1/subsidies/7/check' && req.method === 'POST') {
      checks.push(req.data);
      const answers = EligibilityAnswers.parse(req.data);
      return json({ subsidy: { id: 7, title: subsidy.title }, result: checkEligibility({ rules, window: subsidy.details.applicationWindow }, answers, '2026-10-20') });
    }
    return json({ error: { code: 'not_found', message: '没有这个接口' } }, 404);
  });
});

/** The chip `option` of the question about `field`. */
const choose = (field: string, option: string) => fireEvent.click(screen.getAllByText(option).find((el) => el.closest(`.question-${field}`))!);
/** Types into the age field: the <input> that Taro's web component renders inside itself. */
async function typeAge(age: string) {
  const input = await waitFor(() => {
    const el = document.querySelector('.question-age input');
    if (!el) throw new Error('the age field has not rendered its <input> yet');
    return el;
  });
  fireEvent.input(input, { target: { value: age } });
}

describe('资格自测', () => {
  it('when a required question is left blank, then it is named and nothing is sent', async () => {
    await openPage('/pages/subsidy/check?id=7');
    await screen.findByText('查看自测结果');
    choose('district', '京口区');
    fireEvent.click(screen.getByText('查看自测结果'));
    await screen.findByText('请填写：您的年龄');
    expect(checks).toEqual([]);
  });

  it('when a 61-year-old veteran in 京口区 checks, then the result names the one failed condition and why', async () => {
    await openPage('/pages/subsidy/check?id=7');
    await screen.findByText('查看自测结果');
    await typeAge('61');
    choose('district', '京口区');
    choose('isVeteran', '是');
    const scroll = jest.spyOn(Taro, 'pageScrollTo');
    fireEvent.click(screen.getByText('查看自测结果'));
    await screen.findByText('您暂不符合申请条件（1项不符合）');
    expect(checks).toEqual([{ age: 61, district: 'jingkou', isVeteran: true }]);
    expect(Array.from(document.querySelectorAll('.check-condition')).map((e) => e.textContent)).toEqual(['✗ 年龄在18至60周岁之间']);
    expect(Array.from(document.querySelectorAll('.check-passed')).map((e) => e.textContent)).toEqual(['✓ 在京口区或丹阳市创业', '✓ 退役军人或就业困难人员']);
    // The page scrolls to the verdict, which is there to scroll to.
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '.check-result' }));
    expect(document.querySelector('.check-result')).not.toBeNull();
  });

  it('when the answer changes after a result, then the old verdict goes, and the new answers qualify', async () => {
    await openPage('/pages/subsidy/check?id=7');
    await screen.findByText('查看自测结果');
    await typeAge('61');
    choose('district', '丹阳市');
    choose('isHardToEmploy', '是');
    fireEvent.click(screen.getByText('查看自测结果'));
    await screen.findByText('您暂不符合申请条件（1项不符合）');
    await typeAge('35');
    expect(screen.queryByText(/您暂不符合申请条件/)).toBeNull();
    fireEvent.click(screen.getByText('查看自测结果'));
    await screen.findByText('您符合申请条件');
    expect(document.querySelectorAll('.check-failed')).toHaveLength(0);
  });

  it('when the subsidy cannot be loaded, then the page says why and 重试 loads it', async () => {
    let down = true;
    answerRequests((req) => (down ? json('bad gateway', 502) : pathOf(req.url) === '/api/v1/subsidies/7' ? json(subsidy) : json({}, 404)));
    await openPage('/pages/subsidy/check?id=7');
    await screen.findByText('服务暂时不可用（502），请稍后重试');
    down = false;
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('查看自测结果');
  });
});
