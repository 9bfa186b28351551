import { createHash } from 'node:crypto';
import { z } from 'zod';
import { asArray } from '../protocol/xml';

/**
 * A push from WeChat (message or event) as the rest of the server sees it: the common header checked with
 * zod, the fields each type needs pulled out as strings, everything else left in `fields` for the
 * handlers that need it (research/wechat.md §1.3). Ids stay strings: MsgId is a 64-bit integer.
 */

export type PushFields = Record<string, unknown>;

export const MEDIA_TYPES = ['image', 'voice', 'video', 'shortvideo', 'link'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

interface Common {
  /** Our 原始ID (gh_…); the reply's FromUserName. */
  toUserName: string;
  /** The resident's openid (FromUserName). */
  openid: string;
  /** Integer seconds, as sent. */
  createTime: string;
  msgType: string;
  fields: PushFields;
}

export type InboundMessage =
  | (Common & { type: 'text'; msgId: string | null; content: string })
  | (Common & { type: 'location'; msgId: string | null; point: GeoPoint | null; label: string })
  | (Common & { type: 'media'; msgId: string | null; mediaType: MediaType; recognition: string })
  | (Common & { type: 'event'; event: string; eventKey: string })
  | (Common & { type: 'unknown'; msgId: string | null });

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Integer seconds as sent. */
const CREATE_TIME = /^[0-9]{1,15}$/;

const Header = z.object({
  ToUserName: z.string().min(1).max(128),
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.string().regex(CREATE_TIME),
  MsgType: z.string().min(1).max(64),
});

function isHeaderString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

/**
 * `Header`'s rules written out for the common case: zod's safeParse of every push was a visible share of
 * the CPU. Never more lenient than `Header`, which still decides every push this does not pass.
 */
function hasValidHeader(fields: PushFields): boolean {
  return (
    typeof fields === 'object' &&
    fields !== null &&
    !Array.isArray(fields) &&
    isHeaderString(fields.ToUserName, 128) &&
    isHeaderString(fields.FromUserName, 128) &&
    typeof fields.CreateTime === 'string' &&
    CREATE_TIME.test(fields.CreateTime) &&
    isHeaderString(fields.MsgType, 64)
  );
}

export type NormaliseResult = { ok: true; message: InboundMessage } | { ok: false; problem: string; openid: string | null };

/** A string field, or '' when absent or not a string (an element with children, say). */
export function field(fields: PushFields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

/** Latitude/longitude as WeChat sends them (decimal strings); null when missing or out of range. */
export function geoPoint(latitude: string, longitude: string): GeoPoint | null {
  if (latitude.trim() === '' || longitude.trim() === '') return null;
  const lat = Number(latitude);
  const lng = Number(longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { latitude: lat, longitude: lng };
}

/** Checks the header and shapes the push; a push without a usable header is reported, not thrown. */
export function normaliseInbound(fields: PushFields): NormaliseResult {
  // zod stays the judge (and describes what is wrong) for any push the written-out check does not pass.
  if (!hasValidHeader(fields)) {
    const header = Header.safeParse(fields);
    if (!header.success) {
      const from = fields.FromUserName;
      return {
        ok: false,
        problem: header.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        openid: typeof from === 'string' && from !== '' ? from : null,
      };
    }
  }
  const { ToUserName: toUserName, FromUserName: openid, CreateTime: createTime, MsgType: msgType } = fields as z.infer<typeof Header>;
  const msgId = field(fields, 'MsgId') || null;
  const type = msgType.toLowerCase();
  // The header is written into each literal rather than spread (`{ ...common, type }`): Node 20's V8 adds
  // the properties that follow a spread on a slow path, ~1 µs each, which was most of this function.
  if (type === 'event') {
    const event = field(fields, 'Event');
    return { ok: true, message: { toUserName, openid, createTime, msgType, fields, type: 'event', event, eventKey: field(fields, 'EventKey') } };
  }
  if (type === 'text') return { ok: true, message: { toUserName, openid, createTime, msgType, fields, type: 'text', msgId, content: field(fields, 'Content') } };
  if (type === 'location') {
    const point = geoPoint(field(fields, 'Location_X'), field(fields, 'Location_Y'));
    return { ok: true, message: { toUserName, openid, createTime, msgType, fields, type: 'location', msgId, point, label: field(fields, 'Label') } };
  }
  const mediaType = MEDIA_TYPES.find((m) => m === type);
  if (mediaType) {
    const recognition = field(fields, 'Recognition');
    return { ok: true, message: { toUserName, openid, createTime, msgType, fields, type: 'media', msgId, mediaType, recognition } };
  }
  return { ok: true, message: { toUserName, openid, createTime, msgType, fields, type: 'unknown', msgId } };
}

function digest(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** VIEW events carry a whole URL as EventKey; long keys are hashed to keep the primary key small. */
function compact(value: string): string {
  return value.length <= 64 ? value : `#${digest(value)}`;
}

/** Where subscribe-message events keep their List: a wrapper element in XML, the top level in JSON (§1.8). */
const SUBSCRIBE_MSG_WRAPPERS: Record<string, string> = {
  subscribe_msg_popup_event: 'SubscribeMsgPopupEvent',
  subscribe_msg_change_event: 'SubscribeMsgChangeEvent',
  subscribe_msg_sent_event: 'SubscribeMsgSentEvent',
};

/** The List items of a subscribe-message event, one or many, in either format. */
export function subscribeMsgItems(fields: PushFields, event: string): unknown[] {
  const wrapperName = SUBSCRIBE_MSG_WRAPPERS[event];
  const wrapper = wrapperName ? fields[wrapperName] : undefined;
  if (wrapper !== null && typeof wrapper === 'object' && !Array.isArray(wrapper)) return asArray((wrapper as PushFields).List);
  return asArray(fields.List);
}

/**
 * The key WeChat's retries of one push share (§1.4, §3 item 4): MsgId + FromUserName for messages (MsgId
 * alone collided across users); FromUserName + CreateTime + Event + EventKey for events, plus the job's
 * MsgID for *JOBFINISH and the List for subscribe-message events, so two distinct reports in one second
 * are not taken for retries.
 */
export function dedupeKey(m: InboundMessage): string {
  if (m.type !== 'event') {
    if (m.msgId) return `msg:${m.openid}:${m.msgId}`;
    return `msg:${m.openid}:${m.createTime}:${m.msgType}:${digest(m.fields)}`;
  }
  const parts = ['evt', m.openid, m.createTime, m.event, compact(m.eventKey)];
  const jobId = field(m.fields, 'MsgID');
  if (jobId) parts.push(jobId);
  if (SUBSCRIBE_MSG_WRAPPERS[m.event]) parts.push(digest(subscribeMsgItems(m.fields, m.event)));
  return parts.join(':');
}

/** What the console shows of a push (stored, never logged): the text, the place, or the event key. */
export function summaryOf(m: InboundMessage): string | null {
  switch (m.type) {
    case 'text':
      return m.content.slice(0, 500);
    case 'location':
      return m.label || (m.point ? `${m.point.latitude},${m.point.longitude}` : null);
    case 'media':
      return m.recognition ? m.recognition.slice(0, 500) : null;
    case 'event':
      return m.eventKey ? m.eventKey.slice(0, 500) : null;
    case 'unknown':
      return null;
  }
}
