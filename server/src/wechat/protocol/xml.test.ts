import { createMessageCrypto } from './message-crypto';
import { verifyMsgSignature } from './signature';
import { asArray, buildXml, encryptedEnvelope, parseXml, textReply, toEpochSeconds, WechatXmlError, type WechatXmlErrorCode, type XmlFields } from './xml';

// Vector C body, copied verbatim from research/wechat.md "Test vectors".
const C_BODY =
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName><CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]></Content><MsgId>6054768590064713728</MsgId><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>';
const C_PLAIN =
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>';

function expectCode(run: () => unknown, code: WechatXmlErrorCode): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WechatXmlError);
  expect((caught as WechatXmlError).code).toBe(code);
}

describe('parseXml', () => {
  it('when given the vector C body, then all fields are verbatim strings and Encrypt verifies', () => {
    const fields = parseXml(C_BODY);
    expect(fields).toMatchObject({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      CreateTime: '1409735668',
      MsgType: 'text',
      Content: 'abcdteT',
      MsgId: '6054768590064713728',
    });
    const encrypt = fields.Encrypt as string;
    expect(encrypt.endsWith('PE=')).toBe(true);
    expect(
      verifyMsgSignature({ token: 'spamtest', timestamp: '1409735669', nonce: '1320562132', encrypt, msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa' }),
    ).toBe(true);
  });

  it('when given the decrypted vector C plaintext with newlines, then layout whitespace is dropped and nothing else', () => {
    expect(parseXml(C_PLAIN)).toEqual({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      CreateTime: '1409735668',
      MsgType: 'text',
      Content: 'abcdteT',
      MsgId: '6054768590064713728',
    });
  });

  it('when ids exceed 2^53, then MsgId, MsgID and msgid stay exact strings', () => {
    const fields = parseXml(
      '<xml><MsgId>6054768590064713728</MsgId><MsgID>3487542469355618313</MsgID><msgid>12345678901234567890</msgid></xml>',
    );
    expect(fields).toEqual({ MsgId: '6054768590064713728', MsgID: '3487542469355618313', msgid: '12345678901234567890' });
  });

  it('when user text has leading zeros and spaces, then it survives unchanged (§5 item 13)', () => {
    expect(parseXml('<xml><Content><![CDATA[  00123  ]]></Content><Blank>   </Blank></xml>')).toEqual({ Content: '  00123  ', Blank: '   ' });
  });

  it('when an element is empty or self-closing, then it is the empty string', () => {
    expect(parseXml('<xml><EventKey><![CDATA[]]></EventKey><Ticket></Ticket><Extra/></xml>')).toEqual({ EventKey: '', Ticket: '', Extra: '' });
  });

  it('when a value holds a split CDATA section, then the sections are merged into one string', () => {
    expect(parseXml('<xml><Content><![CDATA[a]]]]><![CDATA[>b]]></Content></xml>')).toEqual({ Content: 'a]]>b' });
  });

  it('when CDATA text holds brackets short of its end marker, then they are kept', () => {
    expect(parseXml('<xml><Content><![CDATA[]a]b]]c]]]></Content><Next><![CDATA[]]]]></Next></xml>')).toEqual({ Content: ']a]b]]c]', Next: ']]' });
  });

  it('when a declaration precedes the root, then it is ignored', () => {
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<xml><A>1</A></xml>\n')).toEqual({ A: '1' });
  });

  it('when text outside CDATA contains predefined entities or character references, then they decode; CDATA stays verbatim', () => {
    expect(parseXml('<xml><Label>a &amp; b &lt;c&gt; &quot;&apos; &#x4E2D;&#25991; &amp;lt;</Label><Content><![CDATA[&amp;]]></Content></xml>')).toEqual({
      Label: 'a & b <c> "\' 中文 &lt;',
      Content: '&amp;',
    });
  });

  it('when a resident types a DOCTYPE or ENTITY declaration, then the CDATA text comes through as typed', () => {
    const typed = '<!DOCTYPE html><!ENTITY x "y"> &xxe;';
    expect(parseXml(`<xml><MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[${typed}]]></Content><MsgId>1</MsgId></xml>`)).toEqual({
      MsgType: 'text',
      Content: typed,
      MsgId: '1',
    });
  });

  it('when a menu event carries nested info with repeated items, then nesting is kept and repeats become arrays', () => {
    const fields = parseXml(
      `<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[pic_weixin]]></Event>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>
<SendPicsInfo><Count>2</Count>
  <PicList>
    <item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item>
    <item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item>
  </PicList>
</SendPicsInfo>
<SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Label><![CDATA[位置信息]]></Label></SendLocationInfo>
</xml>`,
    );
    expect(fields).toEqual({
      MsgType: 'event',
      Event: 'pic_weixin',
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' },
      SendPicsInfo: { Count: '2', PicList: { item: [{ PicMd5Sum: 'aaa' }, { PicMd5Sum: 'bbb' }] } },
      SendLocationInfo: { Location_X: '23', Label: '位置信息' },
    });
  });

  it('when a subscribe popup event has two List items, then they form an array; one item stays an object', () => {
    const two = parseXml(`<xml><Event><![CDATA[subscribe_msg_popup_event]]></Event>
<SubscribeMsgPopupEvent>
  <List><TemplateId><![CDATA[VRR0]]></TemplateId>
        <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List>
  <List><TemplateId><![CDATA[9nLI]]></TemplateId>
        <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene></List>
</SubscribeMsgPopupEvent></xml>`);
    const twoList = (two.SubscribeMsgPopupEvent as { List: unknown }).List;
    expect(twoList).toEqual([
      { TemplateId: 'VRR0', SubscribeStatusString: 'accept', PopupScene: '2' },
      { TemplateId: '9nLI', SubscribeStatusString: 'reject', PopupScene: '2' },
    ]);

    const one = parseXml(
      '<xml><SubscribeMsgSentEvent><List><TemplateId>T</TemplateId><MsgID>3487542469355618313</MsgID><ErrorCode>0</ErrorCode></List></SubscribeMsgSentEvent></xml>',
    );
    const oneList = (one.SubscribeMsgSentEvent as { List: unknown }).List;
    expect(oneList).toEqual({ TemplateId: 'T', MsgID: '3487542469355618313', ErrorCode: '0' });
    expect(asArray(oneList)).toHaveLength(1);
    expect(asArray(twoList)).toHaveLength(2);
    expect(asArray(undefined)).toEqual([]);
  });

  it('when the body contains a DOCTYPE or ENTITY declaration in any case, then it is refused before parsing', () => {
    const bodies = [
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>',
      '<!doctype xml><xml><A>1</A></xml>',
      '<xml><A>1</A></xml><!EnTiTy x "y">',
      '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><A>&b;</A></xml>',
      // CDATA next to markup that the flat form does not cover: refused whole rather than tokenised twice.
      '<xml><A x="<![CDATA["><!DOCTYPE y [<!ENTITY z "zz">]><B>&z;</B><C y="]]>"/></A></xml>',
      '<xml><A><B><![CDATA[<!DOCTYPE x>]]></B></A></xml>',
    ];
    for (const body of bodies) expectCode(() => parseXml(body), 'doctype_forbidden');
  });

  it('when the body is not XML or lacks an <xml> root, then malformed_xml is raised', () => {
    const bodies = [
      '',
      'hello',
      '{"ToUserName":"gh_x"}',
      '<xml><a></xml>',
      '<foo><A>1</A></foo>',
      '<xml><A>1</A></xml><xml><A>2</A></xml>',
      '<xml><A>1</A></xml>trailing',
      '<xml>just text</xml>',
    ];
    for (const body of bodies) expectCode(() => parseXml(body), 'malformed_xml');
    expectCode(() => parseXml(undefined as unknown as string), 'malformed_xml');
  });

  it('when an element name could pollute prototypes, then the body is refused', () => {
    expectCode(() => parseXml('<xml><__proto__><polluted>1</polluted></__proto__></xml>'), 'malformed_xml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when nesting is absurdly deep, then the body is refused', () => {
    const deep = `<xml>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}</xml>`;
    expectCode(() => parseXml(deep), 'malformed_xml');
  });

  it('when a body is flat (the common pushes, read without the general parser), then its fields are the general parser’s', () => {
    const bodies = [
      C_BODY,
      C_PLAIN,
      '<xml><A></A><B>  00123  </B></xml>',
      '<xml><A><![CDATA[]]></A><B><![CDATA[ a]b]]c>] ]]></B></xml>',
      '<xml>\r\n\t<Content><![CDATA[你好 😀 <b>&amp;</b>\n]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>',
    ];
    // A declaration in front sends the same document through the general parser.
    for (const body of bodies) expect(parseXml(body)).toEqual(parseXml(`<?xml version="1.0"?>${body}`));
  });

  it('when the root is empty, then there are no fields', () => {
    expect(parseXml('<xml></xml>')).toEqual({});
    expect(parseXml('<xml>\n</xml>')).toEqual({});
  });
});

describe('buildXml', () => {
  it('when building a news reply, then the output matches the documented format exactly', () => {
    const xml = buildXml({
      ToUserName: 'oUSER',
      FromUserName: 'gh_x',
      CreateTime: 12345678,
      MsgType: 'news',
      ArticleCount: 1,
      Articles: { item: [{ Title: 'title1', Description: 'description1', PicUrl: 'picurl', Url: 'url' }] },
    });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[oUSER]]></ToUserName><FromUserName><![CDATA[gh_x]]></FromUserName>' +
        '<CreateTime>12345678</CreateTime><MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount>' +
        '<Articles><item><Title><![CDATA[title1]]></Title><Description><![CDATA[description1]]></Description>' +
        '<PicUrl><![CDATA[picurl]]></PicUrl><Url><![CDATA[url]]></Url></item></Articles></xml>',
    );
  });

  it('when a value contains ]]>, then the CDATA is split and the value round-trips through parseXml', () => {
    const content = 'a]]>b ]]]]> <![CDATA[ ]]>';
    const xml = buildXml({ Content: content });
    expect(xml).toBe('<xml><Content><![CDATA[a]]]]><![CDATA[>b ]]]]]]><![CDATA[> <![CDATA[ ]]]]><![CDATA[>]]></Content></xml>');
    expect(parseXml(xml)).toEqual({ Content: content });
  });

  it('when values hold Chinese, emoji, markup and whitespace, then they round-trip unchanged', () => {
    const fields: XmlFields = { Content: '  你好 👋🏽 <b>&amp;</b>\n第二行  ', Label: '镇江市人力资源和社会保障局' };
    expect(parseXml(buildXml(fields))).toEqual(fields);
  });

  it('when an array is given, then the element repeats and parses back as an array', () => {
    const xml = buildXml({ Articles: { item: [{ Title: 'a' }, { Title: 'b' }] } });
    expect(xml).toBe('<xml><Articles><item><Title><![CDATA[a]]></Title></item><item><Title><![CDATA[b]]></Title></item></Articles></xml>');
    expect(parseXml(xml)).toEqual({ Articles: { item: [{ Title: 'a' }, { Title: 'b' }] } });
  });

  it('when a tag name or value cannot be expressed, then invalid_field is raised', () => {
    expectCode(() => buildXml({ 'bad tag': 'x' }), 'invalid_field');
    expectCode(() => buildXml({ '<Injected>': 'x' }), 'invalid_field');
    expectCode(() => buildXml({ '#text': 'x' }), 'invalid_field');
    expectCode(() => buildXml({ CreateTime: 1.5 }), 'invalid_field');
    expectCode(() => buildXml({ CreateTime: Number.NaN }), 'invalid_field');
    expectCode(() => buildXml({ item: [['x']] }), 'invalid_field');
    expectCode(() => buildXml({ Flag: true as unknown as string }), 'invalid_field');
    expectCode(() => buildXml({ Missing: undefined as unknown as string }), 'invalid_field');
  });
});

describe('textReply', () => {
  it('when replying, then parties are as given, CreateTime is 10-digit seconds and the content is CDATA', () => {
    const xml = textReply({ to: 'oUSER', from: 'gh_x', content: '你好', now: new Date('2024-04-18T07:13:47.999Z') });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[oUSER]]></ToUserName><FromUserName><![CDATA[gh_x]]></FromUserName>' +
        '<CreateTime>1713424427</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>',
    );
  });

  it('when the content contains ]]>, then the reply still parses back to the same content', () => {
    const xml = textReply({ to: 'o', from: 'g', content: 'x]]>y', now: new Date(0) });
    expect(parseXml(xml)).toEqual({ ToUserName: 'o', FromUserName: 'g', CreateTime: '0', MsgType: 'text', Content: 'x]]>y' });
  });

  it('when replying, then the text is exactly what buildXml makes of the same fields', () => {
    for (const content of ['', 'x]]>y]]>', ']]]]>', '<a href="x">链接</a>\n第二行']) {
      const now = new Date('2026-11-27T10:00:00.500Z');
      expect(textReply({ to: 'o]]>', from: 'gh_x', content, now })).toBe(
        buildXml({ ToUserName: 'o]]>', FromUserName: 'gh_x', CreateTime: toEpochSeconds(now), MsgType: 'text', Content: content }),
      );
    }
  });

  it('when the date is invalid, then invalid_field is raised', () => {
    expectCode(() => toEpochSeconds(new Date('nope')), 'invalid_field');
  });
});

describe('encryptedEnvelope', () => {
  it('when building the envelope, then it has the documented shape with a bare TimeStamp', () => {
    expect(encryptedEnvelope({ encrypt: 'msg_encrypt', msgSignature: 'msg_signature', timestamp: '1713424427', nonce: '415670741' })).toBe(
      '<xml><Encrypt><![CDATA[msg_encrypt]]></Encrypt><MsgSignature><![CDATA[msg_signature]]></MsgSignature>' +
        '<TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>',
    );
  });

  it('when building the envelope, then it is exactly what buildXml makes of the same fields', () => {
    for (const timestamp of ['1', '1713424427', '999999999999999']) {
      const input = { encrypt: 'a+b/c==', msgSignature: 'x]]>', timestamp, nonce: '123' };
      expect(encryptedEnvelope(input)).toBe(buildXml({ Encrypt: input.encrypt, MsgSignature: input.msgSignature, TimeStamp: Number(timestamp), Nonce: input.nonce }));
    }
  });

  it('when the timestamp is not integer seconds text, then invalid_field is raised', () => {
    for (const timestamp of ['', '1713424427.5', '01713424427', '-1', '1e9', '1713424427000000']) {
      expectCode(() => encryptedEnvelope({ encrypt: 'e', msgSignature: 's', timestamp, nonce: 'n' }), 'invalid_field');
    }
  });

  it('when a reply is encrypted, enveloped and parsed back, then its signature verifies and it decrypts (vector A)', () => {
    const crypto = createMessageCrypto({
      token: 'pamtest',
      encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      appId: 'wxb11529c136998cb6',
      random: () => Buffer.from('aaaabbbbccccdddd', 'latin1'),
    });
    const encrypt = crypto.encrypt('我是中文abcd123');
    const envelope = encryptedEnvelope({ encrypt, msgSignature: crypto.sign('1409304348', 'xxxxxx', encrypt), timestamp: '1409304348', nonce: 'xxxxxx' });
    const fields = parseXml(envelope);
    expect(fields).toEqual({
      Encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
      MsgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
      TimeStamp: '1409304348',
      Nonce: 'xxxxxx',
    });
    const plain = crypto.verifyAndDecrypt({
      timestamp: fields.TimeStamp as string,
      nonce: fields.Nonce as string,
      encrypt: fields.Encrypt as string,
      msgSignature: fields.MsgSignature as string,
    });
    expect(plain).toBe('我是中文abcd123');
  });
});
