import { AUDIENCES, DISTRICTS, districtName, type Audience, type Credit, type District, type Profile, type ReceivedPush, type TopicList } from '@zj/shared';
import { requestSubscribe } from '../platform/wechat-auth';
import { userApi } from '../services/api';
import { withSession } from '../services/session';

export type Topic = TopicList['items'][number];
export interface Narrowing {
  districts: District[];
  audiences: Audience[];
}

/** Everything 我的 shows of a signed-in user, loaded with one token. */
export interface Account {
  profile: Profile;
  topics: Topic[];
  credits: Credit[];
  pushes: ReceivedPush[];
}

export function loadAccount(): Promise<Account> {
  return withSession(async (token) => {
    const [profile, topics, credits, pushes] = await Promise.all([userApi.profile(token), userApi.topics(token), userApi.credits(token), userApi.pushes(token)]);
    return { profile, topics: topics.items, credits: credits.items, pushes: pushes.items };
  });
}

/**
 * Subscribes to a topic: first the subscribe-message request (WeChat shows it only when called straight
 * from the tap, so nothing is awaited before it), its answer reported to the server (each accept is one
 * message the bureau may send), then the subscription itself. `accepted` says whether messages can come.
 */
export async function subscribeTopic(topic: Topic, narrowing: Narrowing): Promise<{ accepted: boolean }> {
  let accepted = false;
  if (topic.templateIds.length > 0) {
    const results = await requestSubscribe(topic.templateIds, `「${topic.name}」`);
    accepted = topic.templateIds.some((id) => results[id]?.startsWith('accept'));
    await withSession((token) => userApi.recordSubscribeResults(token, results));
  }
  await withSession((token) => userApi.subscribe(token, topic.code, narrowing));
  return { accepted };
}

/** 「京口区、丹阳市 · 高校毕业生」, or 「全市 · 所有身份」 when not narrowed. */
export function narrowingText(n: Narrowing): string {
  const districts = n.districts.length ? n.districts.map(districtName).join('、') : '全市';
  const audiences = n.audiences.length ? n.audiences.map((a) => AUDIENCES.find((x) => x.code === a)?.name ?? a).join('、') : '所有身份';
  return `${districts} · ${audiences}`;
}

/** Adds or removes one code, keeping the reference lists' order. */
export function toggle<T extends string>(list: readonly T[], code: T, order: readonly { code: string }[]): T[] {
  const next = list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
  return order.map((o) => o.code as T).filter((c) => next.includes(c));
}

export const toggleDistrict = (list: readonly District[], code: District) => toggle(list, code, DISTRICTS);
export const toggleAudience = (list: readonly Audience[], code: Audience) => toggle(list, code, AUDIENCES);

/** What a template's credit means to the resident, in one short phrase. */
export function creditText(c: Credit): string {
  if (c.rejected) return '您已拒绝，订阅时点「允许」可重新接收';
  if (c.kind === 'long_term') return c.sendable ? '长期有效' : '尚未开通';
  return c.remaining > 0 ? `还可接收${c.remaining}次` : '次数已用完，订阅时点「允许」可增加';
}
