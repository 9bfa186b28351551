import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database';

type Db = Pick<Database, 'execute'>;

export type CreditUse = 'one_time' | 'long_term' | null;

/**
 * Takes one subscribe-message credit of a subscriber for a template, in one statement, so concurrent
 * sends (two pushes, two instances) can never take the same credit twice nor go below zero. A long-term
 * grant (the user accepted a 长期订阅 template) is not used up; a long-term template the user never
 * accepted gives nothing, as WeChat still asks once. Returns which kind was used, or null when there is none.
 */
export async function consumeCredit(db: Db, input: { subscriberId: number; templateId: string; now: Date }): Promise<CreditUse> {
  const rows = await queryRows<{ long_term: boolean }>(
    db as Database,
    sql`update subscribe_credits
        set remaining = remaining - case when long_term then 0 else 1 end, updated_at = ${input.now.toISOString()}::timestamptz
        where subscriber_id = ${input.subscriberId} and template_id = ${input.templateId} and not rejected and (long_term or remaining > 0)
        returning long_term`,
  );
  if (rows.length === 0) return null;
  return rows[0]!.long_term ? 'long_term' : 'one_time';
}

/** Gives back a one-time credit taken for a send WeChat answered without acting (an errcode answer). */
export async function refundCredit(db: Db, input: { subscriberId: number; templateId: string; now: Date }): Promise<void> {
  await queryRows(
    db as Database,
    sql`update subscribe_credits
        set remaining = remaining + 1, updated_at = ${input.now.toISOString()}::timestamptz
        where subscriber_id = ${input.subscriberId} and template_id = ${input.templateId}`,
  );
}
