import { z } from 'zod';
import { field, subscribeMsgItems, type PushFields } from './inbound';

/**
 * The reports WeChat pushes about our own sends and subscriptions (research/wechat.md §1.3, §1.8). Items
 * are checked one by one: a malformed item is skipped and counted, the others still count.
 */

export interface TemplateJobReport {
  /** MsgID (capital D) of the template send, as the exact decimal string. */
  msgId: string;
  /** Raw status text: `success`, `failed:user block`, `failed: system failed`, … */
  status: string;
  ok: boolean;
}

export function parseTemplateJobFinish(fields: PushFields): TemplateJobReport | null {
  const msgId = field(fields, 'MsgID');
  const status = field(fields, 'Status');
  if (!/^[0-9]{1,20}$/.test(msgId) || status === '') return null;
  return { msgId, status, ok: status === 'success' };
}

const Text = z.string().min(1).max(256);

const DecisionItem = z.object({ TemplateId: Text, SubscribeStatusString: Text });
const SentItem = z.object({ TemplateId: Text, MsgID: z.string().regex(/^[0-9]{1,20}$/), ErrorCode: z.string().max(16), ErrorStatus: z.string().max(256).optional() });

export interface SubscribeDecisionItem {
  templateId: string;
  /** Any value starting with `accept` (acceptWithAlert, acceptWithAudio…) is an accept (§1.8). */
  accepted: boolean;
  status: string;
}

export interface SubscribeSentItem {
  templateId: string;
  msgId: string;
  errorCode: string;
  status: string;
  ok: boolean;
  raw: Record<string, string>;
}

export interface Parsed<T> {
  items: T[];
  skipped: number;
}

export function parseSubscribeDecisions(fields: PushFields, event: string): Parsed<SubscribeDecisionItem> {
  const items: SubscribeDecisionItem[] = [];
  let skipped = 0;
  for (const raw of subscribeMsgItems(fields, event)) {
    const parsed = DecisionItem.safeParse(raw);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const status = parsed.data.SubscribeStatusString;
    items.push({ templateId: parsed.data.TemplateId, accepted: status.startsWith('accept'), status });
  }
  return { items, skipped };
}

export function parseSubscribeSent(fields: PushFields): Parsed<SubscribeSentItem> {
  const items: SubscribeSentItem[] = [];
  let skipped = 0;
  for (const raw of subscribeMsgItems(fields, 'subscribe_msg_sent_event')) {
    const parsed = SentItem.safeParse(raw);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const d = parsed.data;
    const status = d.ErrorStatus ?? (d.ErrorCode === '0' ? 'success' : `error ${d.ErrorCode}`);
    items.push({
      templateId: d.TemplateId,
      msgId: d.MsgID,
      errorCode: d.ErrorCode,
      status,
      ok: d.ErrorCode === '0',
      raw: { TemplateId: d.TemplateId, MsgID: d.MsgID, ErrorCode: d.ErrorCode, ...(d.ErrorStatus === undefined ? {} : { ErrorStatus: d.ErrorStatus }) },
    });
  }
  return { items, skipped };
}
