/**
 * What changed between two versions of an item, for reviewers and for choosing a version to restore:
 * each changed field with its value before and after, and the Markdown body as a line diff.
 */

export type LineOp = 'same' | 'added' | 'removed';

export interface DiffLine {
  op: LineOp;
  text: string;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface VersionDiff {
  fields: FieldChange[];
  body: DiffLine[];
}

/** Above this many lines on both sides the LCS table would be large; the body is then shown replaced. */
const MAX_LCS_CELLS = 4_000_000;

/** A line diff by longest common subsequence: removed lines come before the added lines that replace them. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // Lines the two share at the start and the end need no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffLine[] = a.slice(0, start).map((text) => ({ op: 'same', text }));
  const tail: DiffLine[] = a.slice(endA).map((text) => ({ op: 'same', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_LCS_CELLS) {
    return [...head, ...midA.map((text) => ({ op: 'removed' as const, text })), ...midB.map((text) => ({ op: 'added' as const, text })), ...tail];
  }
  const n = midA.length;
  const m = midB.length;
  // lcs[i][j]: length of the LCS of midA[i..] and midB[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = midA[i] === midB[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const mid: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      mid.push({ op: 'same', text: midA[i]! });
      i++;
      j++;
    } else if (lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!) mid.push({ op: 'removed', text: midA[i++]! });
    else mid.push({ op: 'added', text: midB[j++]! });
  }
  while (i < n) mid.push({ op: 'removed', text: midA[i++]! });
  while (j < m) mid.push({ op: 'added', text: midB[j++]! });
  return [...head, ...mid, ...tail];
}

/** The fields a version snapshot carries besides the body, in the order the console shows them. */
export const DIFF_FIELDS = [
  'title',
  'summary',
  'topics',
  'districts',
  'audiences',
  'department',
  'policyBasis',
  'sourceUrl',
  'sourceNote',
  'isSample',
  'publishAt',
  'unpublishAt',
] as const;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return JSON.stringify(value, null, 2);
}

/** Changed fields (structured details one entry per top-level key, as `details.<key>`) and the body's line diff. */
export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): VersionDiff {
  const fields: FieldChange[] = [];
  const compare = (field: string, x: unknown, y: unknown) => {
    const [sx, sy] = [show(x), show(y)];
    if (sx !== sy) fields.push({ field, before: sx, after: sy });
  };
  for (const field of DIFF_FIELDS) compare(field, before[field], after[field]);
  const dx = (before.details ?? {}) as Record<string, unknown>;
  const dy = (after.details ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(dx), ...Object.keys(dy)])]) compare(`details.${key}`, dx[key], dy[key]);
  return { fields, body: lineDiff(String(before.body ?? ''), String(after.body ?? '')) };
}
