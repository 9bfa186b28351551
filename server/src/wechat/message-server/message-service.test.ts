import { loggableError } from '../../logger';

describe('loggableError', () => {
  it('when a query failed, then its parameters are left out and the driver message and code kept', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const err = Object.assign(new Error('Failed query: insert into wechat_inbound values ($1, $2)\nparams: oUSER1234567890,我的身份证号'), {
      query: 'insert into wechat_inbound values ($1, $2)',
      params: ['oUSER1234567890', '我的身份证号'],
      cause,
    });
    const logged = loggableError(err);
    expect(logged).toMatchObject({ type: 'Error', message: 'query failed: duplicate key value violates unique constraint', code: '23505' });
    expect(JSON.stringify(logged)).not.toMatch(/oUSER|身份证/);
  });

  it('when another error or a non-error is thrown, then its message is kept', () => {
    expect(loggableError(new TypeError('boom'))).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(loggableError('text')).toEqual({ type: 'string', message: 'text' });
  });
});
