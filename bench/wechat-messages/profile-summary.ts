import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a server child's CPU went while it answered messages, from the V8 profile `--cpu-prof` wrote on
 * exit: every sample is put in one bucket by its leaf frame (and, for socket writes, by who wrote), counted
 * from the first sample inside push-codec (start-up, migrations and seeding left out) to the end.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  windowS: number;
  busyS: number;
  messages: number;
  /** µs of busy CPU per message, by bucket, largest first. */
  buckets: Array<{ bucket: string; share: number; usPerMessage: number }>;
}

function bucketOf(stack: ProfileNode[]): string {
  const leaf = stack[0]!;
  const url = leaf.callFrame.url;
  const fn = leaf.callFrame.functionName;
  const below = (re: RegExp) => stack.some((n) => re.test(n.callFrame.url));
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (/@electric-sql\/pglite/.test(url) || below(/@electric-sql\/pglite/)) return 'PGlite (embedded Postgres in wasm, its driver and file writes)';
  if (/^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeString)$/.test(fn)) {
    if (below(/node_modules\/(pg|pg-pool)\//)) return 'socket writes: pg queries';
    if (below(/_http_outgoing|node_modules\/koa\//)) return 'socket writes: HTTP responses';
    if (below(/sonic-boom|pino/)) return 'log writes (pino)';
    return 'writes: other';
  }
  if (/stream_base_commons|node:net/.test(url)) return 'socket I/O: other (reads, bookkeeping)';
  if (/sonic-boom|node_modules\/pino/.test(url) || below(/sonic-boom/)) return 'logging (pino)';
  if (/drizzle-orm/.test(url)) return 'drizzle-orm (building SQL, mapping rows)';
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(url)) return 'pg driver';
  if (/fast-xml-parser/.test(url)) return 'XML parsing (fast-xml-parser)';
  if (/node_modules\/zod/.test(url)) return 'zod';
  if (/node_modules\/(koa|@koa|raw-body|koa-compose|delegates|statuses|on-finished|accepts|type-is|mime|content-type|http-errors|cookies|vary|encodeurl|escape-html|fresh|content-disposition)\/|_http_|node:http/.test(url))
    return 'HTTP + Koa';
  if (/crypto/.test(url)) return 'crypto (AES, SHA-1)';
  const own = url.match(/\/(server\/src\/[^?]+)/);
  if (own) return own[1]!;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return fn ? `(native) ${fn}` : '(native)';
}

export function summariseProfile(file: string, messages: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackCache = new Map<number, ProfileNode[]>();
  const stackOf = (leaf: number): ProfileNode[] => {
    let stack = stackCache.get(leaf);
    if (!stack) {
      stack = [];
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
      stackCache.set(leaf, stack);
    }
    return stack;
  };
  const start = Math.max(0, profile.samples.findIndex((id) => stackOf(id).some((n) => n.callFrame.url.includes('wechat/push-codec'))));
  const totals = new Map<string, number>();
  let window = 0;
  for (let i = start; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    window += us;
    const bucket = bucketOf(stackOf(profile.samples[i]!));
    totals.set(bucket, (totals.get(bucket) ?? 0) + us);
  }
  const busy = window - (totals.get('idle') ?? 0);
  totals.delete('idle');
  return {
    file,
    windowS: Math.round(window / 1e5) / 10,
    busyS: Math.round(busy / 1e5) / 10,
    messages,
    buckets: [...totals]
      .sort((a, b) => b[1] - a[1])
      .map(([bucket, us]) => ({ bucket, share: Math.round((us / busy) * 1000) / 1000, usPerMessage: messages > 0 ? Math.round(us / messages) : 0 })),
  };
}

/** The main thread's profile in `dir` (the largest file: tsx's loader thread writes a small one too). */
export function mainThreadProfile(dir: string): string | null {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(dir, f));
    return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? null;
  } catch {
    return null;
  }
}

export function formatProfile(label: string, s: ProfileSummary, top = 14): string {
  const perMessage = s.messages > 0 ? Math.round((s.busyS * 1e6) / s.messages) : 0;
  const lines = [`${label}: ${s.busyS} s CPU over ${s.windowS} s for ${s.messages.toLocaleString('en-US')} messages = ${perMessage.toLocaleString('en-US')} µs per message`];
  const shown = s.buckets.slice(0, top);
  for (const b of shown) lines.push(`  ${(b.share * 100).toFixed(1).padStart(5)}%  ${String(b.usPerMessage).padStart(6)} µs/msg  ${b.bucket}`);
  const rest = s.buckets.slice(top);
  if (rest.length > 0) {
    const share = rest.reduce((a, b) => a + b.share, 0);
    const us = rest.reduce((a, b) => a + b.usPerMessage, 0);
    lines.push(`  ${(share * 100).toFixed(1).padStart(5)}%  ${String(us).padStart(6)} µs/msg  (${rest.length} smaller buckets)`);
  }
  return lines.join('\n');
}
