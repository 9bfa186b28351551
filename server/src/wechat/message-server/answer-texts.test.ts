import { createHash } from 'node:crypto';
import { answerTextHash, createAnswerTexts } from './answer-texts';

describe('answer texts', () => {
  it('when a text is hashed, then it is SHA-256 of its UTF-8 bytes in base64url, as migration 0002 computes it', () => {
    const text = '镇江市现行最低工资标准 ]]> +/';
    expect(answerTextHash(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    expect(answerTextHash(text)).toHaveLength(43);
  });

  it('when texts were stored, then they are left out of later writes until an hour has passed', () => {
    let now = 1_000_000;
    const texts = createAnswerTexts({ now: () => now });
    const a = texts.of('甲');
    const b = texts.of('乙');
    expect(texts.toStore([a, null, a, b])).toEqual([a, b]);
    texts.stored([a]);
    expect(texts.toStore([a, b])).toEqual([b]);
    now += 59 * 60_000;
    expect(texts.toStore([a])).toEqual([]);
    now += 60_000;
    expect(texts.toStore([a])).toEqual([a]);
  });

  it('when more texts come than it remembers, then the oldest are forgotten and stored again when needed', () => {
    const texts = createAnswerTexts({ now: () => 0, maxEntries: 2 });
    const [a, b, c] = ['一', '二', '三'].map((t) => texts.of(t));
    texts.stored([a!, b!]);
    texts.stored([c!]);
    expect(texts.toStore([a!, b!, c!])).toEqual([a]);
  });
});
