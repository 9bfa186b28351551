import { checkKeywordValue, findViolations, keywordType, MessageLimitError, assertWithinLimits } from './message-limits';

describe('keyword types', () => {
  it('when a key carries a type prefix and a number, then the prefix is its type', () => {
    expect(keywordType('thing1')).toBe('thing');
    expect(keywordType('character_string12')).toBe('character_string');
    expect(keywordType('phone_number3')).toBe('phone_number');
    expect(keywordType('keyword1')).toBeNull();
    expect(keywordType('thing')).toBeNull();
  });
});

describe('keyword value rules (research/wechat.md §1.8)', () => {
  const ok = (type: Parameters<typeof checkKeywordValue>[0], value: string) => expect(checkKeywordValue(type, value)).toBeNull();
  const bad = (type: Parameters<typeof checkKeywordValue>[0], value: string) => expect(checkKeywordValue(type, value)).not.toBeNull();

  it('when a thing has 20 characters, then it passes; 21 fail, counted by code point', () => {
    ok('thing', '一'.repeat(20));
    bad('thing', '一'.repeat(21));
    ok('thing', '𠀀'.repeat(20)); // astral characters count once
  });

  it('when a value is empty, has a line break or an emoji, then every type refuses it', () => {
    bad('thing', '');
    bad('thing', '第一行\n第二行');
    bad('thing', '补贴到账🎉');
  });

  it('when a phrase is pure Chinese of at most 5 characters, then it passes; digits, spaces or 6 characters fail', () => {
    ok('phrase', '审核通过');
    ok('phrase', '已发放');
    bad('phrase', '审核通过了吗');
    bad('phrase', '第1批');
    bad('phrase', '已 发放');
    bad('phrase', '通过!');
  });

  it('when a character_string contains Chinese or exceeds 32 characters, then it fails', () => {
    ok('character_string', 'ZJ-2026-000123');
    bad('character_string', '镇江2026');
    bad('character_string', 'A'.repeat(33));
  });

  it('when numbers, letters and symbols are checked, then only their own characters pass', () => {
    ok('number', '3000');
    ok('number', '12.5');
    bad('number', '3,000');
    ok('letter', 'ABC');
    bad('letter', 'A1');
    ok('symbol', '%');
    bad('symbol', '%%%%%%');
    bad('symbol', 'a');
  });

  it('when times and dates are written as WeChat shows them, then they pass, ranges included', () => {
    ok('time', '15:01');
    ok('time', '2026年10月1日 15:01');
    ok('time', '2026-10-01 15:01:30');
    ok('time', '09:00 ~ 17:00');
    bad('time', '25:00');
    bad('time', '下午三点');
    ok('date', '2026年12月20日');
    ok('date', '2026-12-20');
    ok('date', '2026年11月20日 ~ 2026年11月30日');
    ok('date', '2026年12月20日 09:00');
    bad('date', '下周一');
  });

  it('when amounts, phone numbers, plates and names are checked, then their documented shapes pass', () => {
    ok('amount', '¥3000.00');
    ok('amount', '3000元');
    bad('amount', '三千元');
    bad('amount', '¥12345678901');
    ok('phone_number', '12333');
    ok('phone_number', '+86-0511-12333');
    bad('phone_number', '0511-1233-3333-3333');
    ok('car_number', '苏L12345');
    ok('car_number', '苏LD12345');
    bad('car_number', '苏L1234567');
    ok('name', '张三');
    ok('name', 'Zhang San');
    bad('name', '欧阳'.repeat(6));
  });
});

describe('message data', () => {
  it('when a subscribe message has a key without a type prefix, then it is refused before sending', () => {
    expect(findViolations({ keyword1: '你好' }, 'subscribe')).toEqual([expect.objectContaining({ key: 'keyword1', type: null })]);
  });

  it('when a template message carries first or remark, then they are refused (removed on 2023-05-04)', () => {
    expect(findViolations({ first: '您好', thing1: '补贴', remark: '谢谢' }, 'template').map((v) => v.key)).toEqual(['first', 'remark']);
  });

  it('when an old-style template key is longer than 20 characters, then the 2023 field rule refuses it', () => {
    expect(findViolations({ keyword1: '字'.repeat(21) }, 'template')).toHaveLength(1);
    expect(findViolations({ keyword1: '字'.repeat(20) }, 'template')).toEqual([]);
  });

  it('when several values break their rules, then the error names every key like WeChat’s 47003', () => {
    const check = () => assertWithinLimits({ thing1: '字'.repeat(21), phrase2: '审核已通过啦', time3: '15:01' }, 'subscribe');
    expect(check).toThrow(MessageLimitError);
    expect(check).toThrow(/data\.thing1\.value invalid.*data\.phrase2\.value invalid/);
  });

  it('when there is no data at all, then it is refused', () => {
    expect(findViolations({}, 'subscribe')).toHaveLength(1);
  });
});
