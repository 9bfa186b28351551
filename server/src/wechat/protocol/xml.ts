import { XMLParser } from 'fast-xml-parser';

/**
 * WeChat push XML in, passive-reply XML out (research/wechat.md §1.3, §1.4, §1.12).
 * Parsing keeps every value a verbatim string; building wraps strings in CDATA.
 */

export type WechatXmlErrorCode = 'doctype_forbidden' | 'malformed_xml' | 'invalid_field';

export class WechatXmlError extends Error {
  override readonly name = 'WechatXmlError';

  constructor(
    readonly code: WechatXmlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const TEXT_KEY = '#text';

const parser = new XMLParser({
  ignoreAttributes: true,
  // §1.12: the defaults turn `  00123  ` into 123 and 64-bit MsgIds into rounded numbers.
  parseTagValue: false,
  trimValues: false,
  // Text outside CDATA decodes as XML says (`&amp;`, `&lt;`, `&#x4E2D;`). Only the predefined entities and
  // character references exist: a DOCTYPE, the one place entities are declared, never reaches the parser
  // (§1.12, the 2026 entity-expansion DoS class). Numeric references need `htmlEntities`, which also
  // knows a few HTML names such as `&nbsp;`; WeChat sends none of them.
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  textNodeName: TEXT_KEY,
  // Real pushes nest at most ~4 levels (SendPicsInfo/PicList/item/PicMd5Sum).
  maxNestedTags: 16,
});

const FORBIDDEN_DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const XML_WHITESPACE = /^[ \t\r\n]*$/;

/**
 * With trimValues off, the newlines between elements (present in real plaintexts, §1.5) show up as a
 * `#text` next to child elements; drop those when they are pure whitespace.
 */
function dropLayoutWhitespace(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropLayoutWhitespace);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === TEXT_KEY && typeof child === 'string' && XML_WHITESPACE.test(child)) continue;
    out[key] = dropLayoutWhitespace(child);
  }
  return out;
}

/**
 * One leaf child of a flat document: a single CDATA section, or text without markup or entities. CDATA
 * text is written as runs of non-`]` between `]`s that do not start `]]>`: the same language as one
 * alternation per character, matched a run at a time (about a fifth faster on a 600-character Encrypt).
 */
const FLAT_CHILD = /[ \t\r\n]*<([A-Za-z_][A-Za-z0-9_.-]*)>(?:<!\[CDATA\[([^\]]*(?:\](?!\]>)[^\]]*)*)\]\]>|([^<>&]*))<\/\1>/y;
const FLAT_END = /^[ \t\r\n]*<\/xml>$/;

/**
 * The common shapes (the 安全模式 envelope, text and event pushes) without the general parser, which
 * cost ~50 µs a document: `<xml>` directly followed by distinct leaf elements. Returns null for anything
 * else (attributes, nesting, repeats, several CDATA sections, entities…), which then takes the parser;
 * what it returns is what the parser would.
 */
function parseFlat(body: string): Record<string, unknown> | null {
  if (!body.startsWith('<xml>')) return null;
  const out: Record<string, unknown> = {};
  let at = 5;
  for (;;) {
    FLAT_CHILD.lastIndex = at;
    const m = FLAT_CHILD.exec(body);
    if (!m) break;
    const tag = m[1]!;
    if (tag === '__proto__' || Object.hasOwn(out, tag)) return null;
    out[tag] = m[2] ?? m[3];
    at = FLAT_CHILD.lastIndex;
  }
  return FLAT_END.test(body.slice(at)) ? out : null;
}

/**
 * Parses a push body and returns the children of its `<xml>` root. Leaf values are strings exactly as
 * sent (CDATA merged, whitespace kept); nested elements become objects; an element that repeats
 * becomes an array (a single `<List>` stays an object, so normalise with `asArray`).
 */
export function parseXml(body: string): Record<string, unknown> {
  if (typeof body !== 'string') throw new WechatXmlError('malformed_xml', 'body must be a string');
  // A flat document has no markup but its leaf elements: `<!DOCTYPE` in it can only be CDATA text, which
  // a resident may well type, and it never reaches the general parser.
  const flat = parseFlat(body);
  if (flat) return flat;
  // Anything else is refused before the parser sees it: XXE history in WeChat SDKs and parser DoS CVEs
  // (§1.12, §3). Telling CDATA from markup here would mean tokenising exactly as the parser does.
  if (FORBIDDEN_DECLARATION.test(body)) throw new WechatXmlError('doctype_forbidden', 'DOCTYPE/ENTITY is not allowed');
  let document: unknown;
  try {
    document = parser.parse(body, true);
  } catch {
    throw new WechatXmlError('malformed_xml', 'body is not well-formed XML');
  }
  if (document === null || typeof document !== 'object' || Object.keys(document).join() !== 'xml') {
    throw new WechatXmlError('malformed_xml', 'missing <xml> root');
  }
  const root: unknown = (document as { xml: unknown }).xml;
  if (typeof root === 'string' && XML_WHITESPACE.test(root)) return {};
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new WechatXmlError('malformed_xml', '<xml> root has no elements');
  }
  return dropLayoutWhitespace(root) as Record<string, unknown>;
}

/** Normalises an element that may appear once or many times (e.g. subscribe-message `List`, §1.8). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export type XmlValue = string | number | XmlFields | readonly XmlValue[];
export interface XmlFields {
  readonly [tag: string]: XmlValue;
}

const TAG_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** A literal `]]>` would end the section early, so it is split across two sections (§1.4). */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** A string leaf under a tag known to be valid. */
function stringElement(tag: string, text: string): string {
  return `<${tag}>${cdata(text)}</${tag}>`;
}

function element(tag: string, value: XmlValue): string {
  if (!TAG_NAME.test(tag)) throw new WechatXmlError('invalid_field', `invalid tag name: ${tag}`);
  if (Array.isArray(value)) {
    // An array means the element repeats (e.g. Articles/item); arrays of arrays have no XML form.
    return value
      .map((item: XmlValue) => {
        if (Array.isArray(item)) throw new WechatXmlError('invalid_field', `nested array in ${tag}`);
        return element(tag, item);
      })
      .join('');
  }
  if (typeof value === 'string') return stringElement(tag, value);
  if (typeof value === 'number') {
    // Reply numbers are integers (CreateTime, ArticleCount); no float or exponent formatting.
    if (!Number.isSafeInteger(value)) throw new WechatXmlError('invalid_field', `${tag} must be an integer`);
    return `<${tag}>${value}</${tag}>`;
  }
  if (value !== null && typeof value === 'object') return `<${tag}>${children(value as XmlFields)}</${tag}>`;
  throw new WechatXmlError('invalid_field', `unsupported value for ${tag}`);
}

function children(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([tag, value]) => element(tag, value))
    .join('');
}

/** Builds `<xml>…</xml>` in the key order of `fields`: strings as CDATA, integers bare. */
export function buildXml(fields: XmlFields): string {
  return `<xml>${children(fields)}</xml>`;
}

/** WeChat timestamps are integer seconds (co-wechat's milliseconds bug, §1.4). */
export function toEpochSeconds(now: Date): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new WechatXmlError('invalid_field', 'invalid date');
  return Math.floor(ms / 1000);
}

/**
 * Passive text reply: `to` is the incoming FromUserName (user openid), `from` the incoming
 * ToUserName (our gh_ id) — the parties are swapped (§1.4).
 */
export function textReply(input: { to: string; from: string; content: string; now: Date }): string {
  // What buildXml makes of these five fields, written out: it runs for every answered push.
  return (
    `<xml>${stringElement('ToUserName', input.to)}${stringElement('FromUserName', input.from)}` +
    `<CreateTime>${toEpochSeconds(input.now)}</CreateTime><MsgType><![CDATA[text]]></MsgType>${stringElement('Content', input.content)}</xml>`
  );
}

/**
 * The 安全模式 reply envelope (§1.5). `timestamp` is the exact decimal string that was signed, so it
 * is checked to survive the bare-number rendering unchanged.
 */
export function encryptedEnvelope(input: { encrypt: string; msgSignature: string; timestamp: string; nonce: string }): string {
  if (!/^[1-9][0-9]{0,14}$/.test(input.timestamp)) {
    throw new WechatXmlError('invalid_field', 'TimeStamp must be integer seconds');
  }
  // What buildXml makes of these fields, written out; the checked timestamp is its own bare rendering.
  return (
    `<xml>${stringElement('Encrypt', input.encrypt)}${stringElement('MsgSignature', input.msgSignature)}` +
    `<TimeStamp>${input.timestamp}</TimeStamp>${stringElement('Nonce', input.nonce)}</xml>`
  );
}
