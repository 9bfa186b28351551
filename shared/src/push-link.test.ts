import { pushOpenOf, trackedPushPage } from './push-link';

/** The query string of a page path as the mini-program hands it to the page (every value a string). */
const paramsOf = (page: string): Record<string, string> => Object.fromEntries(new URLSearchParams(page.split('?')[1] ?? ''));

describe('push links', () => {
  it('when a detail page with an id is tracked, then the push and delivery are appended and read back', () => {
    const page = trackedPushPage('pages/recruitment/detail?id=12', 7, 3051);
    expect(page).toBe('pages/recruitment/detail?id=12&push=7&d=3051');
    expect(paramsOf(page).id).toBe('12');
    expect(pushOpenOf(paramsOf(page))).toEqual({ pushId: 7, deliveryId: 3051 });
  });

  it('when the page has no query, then the parameters start one', () => {
    expect(trackedPushPage('pages/wage/index', 1, 2)).toBe('pages/wage/index?push=1&d=2');
  });

  it('when a link was shared without the delivery, then the push still counts, without a recipient', () => {
    expect(pushOpenOf({ id: '12', push: '7' })).toEqual({ pushId: 7, deliveryId: null });
  });

  it.each([[{}], [{ id: '12' }], [{ push: '0' }], [{ push: '-3' }], [{ push: '7x' }], [{ push: '1e3' }], [{ push: '12345678901234567' }]])(
    'when the parameters are %j, then the page was not opened from a push',
    (params) => {
      expect(pushOpenOf(params)).toBeNull();
    },
  );

  it('when the delivery id is malformed, then only the push is kept', () => {
    expect(pushOpenOf({ push: '7', d: 'abc' })).toEqual({ pushId: 7, deliveryId: null });
  });
});
