import { constantTimeEqual, sha1Signature, verifyMsgSignature, verifyUrlSignature } from './signature';

// Vectors from research/wechat.md "Test vectors".
const A1_ENCRYPT = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';

function flipFirstChar(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}

describe('sha1Signature', () => {
  it('when given the official URL-check values, then it yields the published signature', () => {
    expect(sha1Signature('AAAAA', '1715943329', '1590219412')).toBe('cc0c594499c1634947d5b502f158ee518947db27');
  });

  it('when given the wechat-crypto test values, then it yields the published 4-value signature', () => {
    expect(sha1Signature('RMNlACHlV5ThzfRlVS4D4', 'timestamp', 'nonce', 'encrypt')).toBe(
      '8edac0945683c119ee71c9f6256d76c48aa08a96',
    );
  });

  it('when the parts come in another order, then the result is the same because they are sorted', () => {
    expect(sha1Signature('nonce', 'encrypt', 'RMNlACHlV5ThzfRlVS4D4', 'timestamp')).toBe(
      '8edac0945683c119ee71c9f6256d76c48aa08a96',
    );
  });

  it('when given vector A, then the derived URL and msg signatures match', () => {
    expect(sha1Signature('pamtest', '1409304348', 'xxxxxx')).toBe('76480565cbe296026c53aaacd1ad523a1ddba24f');
    expect(sha1Signature('pamtest', '1409304348', 'xxxxxx', A1_ENCRYPT)).toBe('82c962d39941aa48552f90ef55aa323dc620cc10');
  });

  it('when the caller passes an array, then it is not sorted in place', () => {
    const parts = ['c', 'a', 'b'];
    sha1Signature(...parts);
    expect(parts).toEqual(['c', 'a', 'b']);
  });
});

describe('constantTimeEqual', () => {
  it('when strings are equal, differ, or differ in length, then it answers without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('verifyUrlSignature', () => {
  const good = { token: 'AAAAA', timestamp: '1715943329', nonce: '1590219412', signature: 'cc0c594499c1634947d5b502f158ee518947db27' };

  it('when the signature matches, then it is accepted', () => {
    expect(verifyUrlSignature(good)).toBe(true);
  });

  it('when one character of the signature is flipped, then it is rejected', () => {
    expect(verifyUrlSignature({ ...good, signature: flipFirstChar(good.signature) })).toBe(false);
  });

  it('when the signature is truncated or uppercase, then it is rejected', () => {
    expect(verifyUrlSignature({ ...good, signature: good.signature.slice(0, -1) })).toBe(false);
    expect(verifyUrlSignature({ ...good, signature: good.signature.toUpperCase() })).toBe(false);
  });

  it('when any value is missing or empty, then it is rejected', () => {
    for (const key of ['token', 'timestamp', 'nonce', 'signature'] as const) {
      expect(verifyUrlSignature({ ...good, [key]: undefined })).toBe(false);
      expect(verifyUrlSignature({ ...good, [key]: '' })).toBe(false);
      expect(verifyUrlSignature({ ...good, [key]: null })).toBe(false);
    }
  });

  it('when the token is wrong, then it is rejected', () => {
    expect(verifyUrlSignature({ ...good, token: 'BBBBB' })).toBe(false);
  });
});

describe('verifyMsgSignature', () => {
  const good = {
    token: 'pamtest',
    timestamp: '1409304348',
    nonce: 'xxxxxx',
    encrypt: A1_ENCRYPT,
    msgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
  };

  it('when the 4-value signature matches, then it is accepted', () => {
    expect(verifyMsgSignature(good)).toBe(true);
  });

  it('when the 3-value URL signature is presented as msg_signature, then it is rejected', () => {
    expect(verifyMsgSignature({ ...good, msgSignature: '76480565cbe296026c53aaacd1ad523a1ddba24f' })).toBe(false);
  });

  it('when one character of msg_signature or of Encrypt is changed, then it is rejected', () => {
    expect(verifyMsgSignature({ ...good, msgSignature: flipFirstChar(good.msgSignature) })).toBe(false);
    expect(verifyMsgSignature({ ...good, encrypt: `k${A1_ENCRYPT.slice(1)}` })).toBe(false);
  });

  it('when any value is missing, then it is rejected', () => {
    for (const key of ['token', 'timestamp', 'nonce', 'encrypt', 'msgSignature'] as const) {
      expect(verifyMsgSignature({ ...good, [key]: undefined })).toBe(false);
    }
  });
});
