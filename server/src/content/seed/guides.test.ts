import type { z } from 'zod';
import { GUIDE_THEMES } from '@zj/shared';
import { guideSeeds } from './guides';
import { SeedItem } from './seed-item';

const NOW = new Date('2026-11-27T10:00:00+08:00');
type Guide = Extract<z.output<typeof SeedItem>, { kind: 'guide' }>;
const raw = guideSeeds(NOW);
const guides = raw.map((g) => SeedItem.parse(g)).filter((g): g is Guide => g.kind === 'guide');
const bySlug = (slug: string) => guides.find((g) => g.slug === slug)!;
const cites = (slug: string) => bySlug(slug).details.legalBasis.map((b) => `${b.law}${b.article ?? ''}`);

describe('service guide seeds', () => {
  it('when every guide is parsed with the SeedItem schema, then none is rejected and all are guides', () => {
    for (const item of raw) {
      const result = SeedItem.safeParse(item);
      if (!result.success) throw new Error(`${item.slug}: ${result.error.message}`);
    }
    expect(guides).toHaveLength(raw.length);
  });

  it('when the titles are listed, then the most-asked services of the bureau are all there', () => {
    const titles = guides.map((g) => g.title).join('|');
    for (const service of ['失业保险金', '失业登记', '就业登记', '工伤认定', '工伤保险待遇', '社会保障卡', '城乡居民基本养老保险', '养老保险关系转移', '退休', '仲裁', '欠薪', '职业技能等级认定']) {
      expect({ service, found: titles.includes(service) }).toEqual({ service, found: true });
    }
  });

  it('when a guide is read, then it has a legal basis whose law is named in 《》 and whose article, if any, reads 第…条', () => {
    for (const g of guides) {
      expect({ slug: g.slug, count: g.details.legalBasis.length > 0 }).toEqual({ slug: g.slug, count: true });
      for (const b of g.details.legalBasis) {
        expect(b.law).toMatch(/^《[^》]+》/);
        if (b.article !== null) expect(b.article).toMatch(/^第[一二三四五六七八九十百]+条$/);
      }
    }
  });

  it('when local facts are not confirmed, then every guide is marked sample and its note says what to check', () => {
    for (const g of guides) {
      expect({ slug: g.slug, isSample: g.isSample }).toEqual({ slug: g.slug, isSample: true });
      expect(g.sourceNote).toMatch(/未.*核/);
    }
  });

  it('when the themes are counted, then every theme has a guide', () => {
    expect(new Set(guides.map((g) => g.details.theme))).toEqual(new Set(GUIDE_THEMES));
  });

  it.each([
    ['guide-unemployment-benefit', '《中华人民共和国社会保险法》第四十五条'],
    ['guide-work-injury-recognition', '《工伤保险条例》第十七条'],
    ['guide-work-injury-recognition', '《工伤保险条例》第二十条'],
    ['guide-labour-arbitration', '《中华人民共和国劳动争议调解仲裁法》第二十七条'],
    ['guide-labour-arbitration', '《中华人民共和国劳动争议调解仲裁法》第四十三条'],
    ['guide-wage-arrears-complaint', '《劳动保障监察条例》第十七条'],
  ])('when %s is read, then it rests on %s', (slug, citation) => {
    expect(cites(slug)).toContain(citation);
  });

  it('when the statutory time limits are read, then they say what the law says', () => {
    expect(bySlug('guide-work-injury-recognition').details.timeLimit.statutory).toContain('60日');
    expect(bySlug('guide-labour-arbitration').details.timeLimit.statutory).toContain('45日');
    expect(bySlug('guide-labour-arbitration').details.fees).toBe('不收费');
    expect(bySlug('guide-work-injury-recognition').summary).toMatch(/30日.*1年/);
  });
});
