import { DISTRICTS, RECRUITMENT_STATUSES, SEED_TOPICS, recruitmentStatus, shanghaiDate } from '@zj/shared';
import { CALENDAR_SEED } from '../../calendar/holidays';
import { createWorkingDayCalendar } from '../../calendar/working-days';
import { buildSeedItems } from './index';
import { SeedItem } from './seed-item';

const NOW = new Date('2026-11-27T10:00:00+08:00');
const LATER = new Date('2027-06-01T10:00:00+08:00');

const itemsAt = (now: Date) => buildSeedItems(now).map((raw) => SeedItem.parse(raw));
const items = itemsAt(NOW);
const ofKind = <K extends SeedItem['kind']>(list: SeedItem[], kind: K) =>
  list.filter((i): i is Extract<SeedItem, { kind: K }> => i.kind === kind);

describe('seed content', () => {
  it('when every item is parsed with the SeedItem schema, then none is rejected', () => {
    for (const raw of buildSeedItems(NOW)) {
      const result = SeedItem.safeParse(raw);
      if (!result.success) throw new Error(`${raw.slug}: ${result.error.message}`);
    }
  });

  it('when slugs are compared, then each is unique', () => {
    const slugs = items.map((i) => i.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('when topics are listed, then each is a seed topic', () => {
    const known = new Set<string>(SEED_TOPICS.map((t) => t.code));
    for (const item of items) for (const topic of item.topics) expect({ slug: item.slug, topic, known: known.has(topic) }).toEqual({ slug: item.slug, topic, known: true });
  });

  it('when an item is published or archived, then it has a publishedAt, otherwise none', () => {
    for (const item of items) {
      const shouldHave = item.status === 'published' || item.status === 'archived';
      expect({ slug: item.slug, has: item.publishedAt !== null }).toEqual({ slug: item.slug, has: shouldHave });
    }
  });

  it('when an item is not marked as sample, then it names where its facts come from', () => {
    for (const item of items) if (!item.isSample) expect(item.sourceNote ?? '').not.toBe('');
  });

  describe('policies and interpretations', () => {
    const policies = ofKind(items, 'policy');
    const interpretations = ofKind(items, 'interpretation');
    const calendar = createWorkingDayCalendar(CALENDAR_SEED);

    it('when interpretations name a policy, then it is a policy of the set listed before them', () => {
      const slugs = items.map((i) => i.slug);
      for (const interp of interpretations) {
        const policy = policies.find((p) => p.slug === interp.details.policySlug);
        expect(policy?.slug).toBe(interp.details.policySlug);
        expect(slugs.indexOf(interp.details.policySlug)).toBeLessThan(slugs.indexOf(interp.slug));
      }
    });

    it('when the set is counted, then at least 3 policies each have a Q&A interpretation', () => {
      expect(policies.length).toBeGreaterThanOrEqual(3);
      for (const policy of policies) {
        const interp = interpretations.find((i) => i.details.policySlug === policy.slug);
        expect(interp?.details.form).toBe('qa');
        expect(interp?.details.qa.length ?? 0).toBeGreaterThanOrEqual(3);
      }
    });

    it('when checked against the 3-working-day rule at 2026-11-27, then exactly one interpretation is overdue', () => {
      const today = shanghaiDate(NOW);
      const overdue = interpretations.filter((interp) => {
        const policy = policies.find((p) => p.slug === interp.details.policySlug)!;
        const due = calendar.addWorkingDays(shanghaiDate(new Date(policy.publishedAt!)), 3);
        const done = interp.publishedAt === null ? null : shanghaiDate(new Date(interp.publishedAt));
        return done === null ? today > due : done > due;
      });
      expect(overdue.map((i) => i.slug)).toEqual(['interp-zj-skills-training-subsidy-2026']);
    });
  });

  describe('subsidies', () => {
    const subsidies = ofKind(items, 'subsidy');

    it('when counted, then there are at least 8, each with conditions, rules, materials, steps and a payout batch', () => {
      expect(subsidies.length).toBeGreaterThanOrEqual(8);
      for (const s of subsidies) {
        const d = s.details;
        expect({ slug: s.slug, ok: d.conditions.length > 0 && d.eligibility.length > 0 && d.materials.length > 0 && d.steps.length > 0 && d.payoutBatches.length > 0 }).toEqual({
          slug: s.slug,
          ok: true,
        });
      }
    });
  });

  describe('wage standards', () => {
    const standards = ofKind(items, 'wage_standard').filter((w) => w.details.standardType === 'minimum_wage');
    const today = shanghaiDate(NOW);
    const inForce = standards.filter((w) => w.details.effectiveFrom <= today).sort((a, b) => b.details.effectiveFrom.localeCompare(a.details.effectiveFrom));
    const current = inForce[0]!;

    it('when the current standard is taken, then every tier has a monthly and an hourly rate', () => {
      const tiers = (type: string) => new Set(current.details.rates.filter((r) => r.type === type).map((r) => r.tier));
      expect(tiers('monthly_min').size).toBeGreaterThan(0);
      expect([...tiers('hourly_min')].sort()).toEqual([...tiers('monthly_min')].sort());
    });

    it('when the current standard is taken, then each of the 7 districts is in exactly one tier per type', () => {
      const all = DISTRICTS.map((d) => d.code).sort();
      for (const type of ['monthly_min', 'hourly_min'] as const) {
        const mapped = current.details.rates.filter((r) => r.type === type).flatMap((r) => r.districts);
        expect(mapped.sort()).toEqual(all);
      }
    });

    it('when history is looked up, then an earlier standard is kept', () => {
      expect(inForce.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('recruitment', () => {
    it('when counted, then at least 6 recruitments have positions', () => {
      expect(ofKind(items, 'recruitment').filter((r) => r.details.positions.length > 0).length).toBeGreaterThanOrEqual(6);
    });

    it.each([NOW, LATER])('when evaluated at %s, then all four statuses occur', (now) => {
      const statuses = new Set(ofKind(itemsAt(now), 'recruitment').map((r) => recruitmentStatus(r.details, now)));
      expect([...statuses].sort()).toEqual([...RECRUITMENT_STATUSES].sort());
    });
  });

  describe('notices', () => {
    it('when counted, then there are at least 2', () => {
      expect(ofKind(items, 'notice').length).toBeGreaterThanOrEqual(2);
    });
  });
});
