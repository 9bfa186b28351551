import { pushOpenOf } from '@zj/shared';
import { useEffect } from 'react';
import { api } from '../services/api';

/**
 * A page opened from a push (its link carries `push` and `d`) reports the open once, for the push's
 * statistics. Failing to report must not disturb the resident: the page shows either way.
 */
export function usePushOpen(params: Partial<Record<string, string>>): void {
  const from = pushOpenOf(params);
  const key = from ? `${from.pushId}:${from.deliveryId ?? ''}` : '';
  useEffect(() => {
    if (from) void api.recordPushOpen(from.pushId, from.deliveryId).catch(() => undefined);
  }, [key]);
}
