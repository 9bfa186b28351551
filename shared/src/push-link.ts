/**
 * A push opens a mini-program page with two tracking parameters: `push` (the push id) and `d` (the
 * delivery id, so an open counts once per recipient). The sending worker adds them to every message, the
 * inbox under 我的 links the same way, and the app's detail pages read them to report the open.
 */
export const PUSH_LINK_PARAMS = { push: 'push', delivery: 'd' } as const;

/** `page` (pages/x/detail?id=3) with the tracking parameters of one delivery. */
export const trackedPushPage = (page: string, pushId: number, deliveryId: number): string =>
  `${page}${page.includes('?') ? '&' : '?'}${PUSH_LINK_PARAMS.push}=${pushId}&${PUSH_LINK_PARAMS.delivery}=${deliveryId}`;

const positiveId = (value: string | undefined): number | null => (value !== undefined && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : null);

/** The push and delivery a page was opened from, read from its route parameters; null when not from a push. */
export function pushOpenOf(params: Partial<Record<string, string>>): { pushId: number; deliveryId: number | null } | null {
  const pushId = positiveId(params[PUSH_LINK_PARAMS.push]);
  if (pushId === null) return null;
  return { pushId, deliveryId: positiveId(params[PUSH_LINK_PARAMS.delivery]) };
}
