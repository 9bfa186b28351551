import { z } from 'zod';
import type { RateLimiter } from '../audience/rate-limit';
import type { EditorService } from '../editors/service';
import { actorOf, route, type AdminRoute } from '../http/admin-routes';
import { sessionOf } from '../http/admin-session';
import { defineRoute, type ApiRoute } from '../http/api-route';
import type { PushActor, PushService } from './service';
import { toPushView } from './service';
import { PUSH_STATUSES } from './tables';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({ status: z.enum(PUSH_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
const When = z.string().datetime({ offset: true, message: '时间格式应为 ISO 8601，例如 2026-11-28T09:00:00+08:00' });
const ApproveBody = z.object({ sendAt: When.nullable().default(null), note: z.string().max(500).optional() }).strict();
const ScheduleBody = z.object({ sendAt: When }).strict();
const EmptyBody = z.object({}).strict();

/** The console's push API under /admin/api/pushes; every change is audited with the push before and after. */
export function pushAdminRoutes(deps: { pushes: PushService; editors: EditorService }): AdminRoute[] {
  const { pushes, editors } = deps;
  const pushActor = (ctx: Parameters<typeof sessionOf>[0]): PushActor => {
    const { editor } = sessionOf(ctx);
    return { editorId: editor.id, name: editor.name };
  };
  async function audited(ctx: Parameters<typeof actorOf>[0], action: string, id: number | null, change: () => Promise<{ id: number } & object>) {
    const before = id === null ? null : await pushes.load(id).then(toPushView, () => null);
    const after = await change();
    const view = toPushView(after as Parameters<typeof toPushView>[0]);
    await editors.audit(actorOf(ctx), { action, targetType: 'push', targetId: after.id, before, after: view });
    return view;
  }
  const action = (path: string, name: string, body: z.ZodType, run: (id: number, body: never, actor: PushActor) => Promise<{ id: number } & object>) =>
    route({
      method: 'post',
      path,
      params: IdParams,
      body,
      handler: ({ params, body: b }, ctx) => audited(ctx, name, params.id, () => run(params.id, b as never, pushActor(ctx))),
    });
  return [
    route({ method: 'get', path: '/pushes', query: ListQuery, handler: async ({ query }) => ({ items: (await pushes.list(query)).map(toPushView) }) }),
    route({ method: 'get', path: '/pushes/coverage', handler: () => pushes.coverage() }),
    route({
      method: 'get',
      path: '/pushes/:id',
      params: IdParams,
      handler: async ({ params }) => ({ push: toPushView(await pushes.load(params.id)), stats: await pushes.stats(params.id), transitions: await pushes.transitionsOf(params.id) }),
    }),
    route({ method: 'post', path: '/pushes', body: z.unknown(), handler: ({ body }, ctx) => audited(ctx, 'push.create', null, () => pushes.create(body, pushActor(ctx))) }),
    route({
      method: 'put',
      path: '/pushes/:id',
      params: IdParams,
      body: z.unknown(),
      handler: ({ params, body }, ctx) => audited(ctx, 'push.update', params.id, () => pushes.update(params.id, body, pushActor(ctx))),
    }),
    route({ method: 'get', path: '/pushes/:id/preview', params: IdParams, handler: ({ params }) => pushes.preview(params.id) }),
    route({ method: 'post', path: '/pushes/:id/dry-run', params: IdParams, body: EmptyBody, handler: ({ params }) => pushes.dryRun(params.id) }),
    action('/pushes/:id/submit', 'push.submit', EmptyBody, (id, _b, actor) => pushes.submit(id, actor)),
    action('/pushes/:id/approve', 'push.approve', ApproveBody, (id, b: z.output<typeof ApproveBody>, actor) =>
      pushes.approve(id, { sendAt: b.sendAt === null ? null : new Date(b.sendAt), note: b.note }, actor),
    ),
    action('/pushes/:id/schedule', 'push.schedule', ScheduleBody, (id, b: z.output<typeof ScheduleBody>, actor) => pushes.reschedule(id, new Date(b.sendAt), actor)),
    action('/pushes/:id/pause', 'push.pause', EmptyBody, (id, _b, actor) => pushes.pause(id, actor)),
    action('/pushes/:id/resume', 'push.resume', EmptyBody, (id, _b, actor) => pushes.resume(id, actor)),
    action('/pushes/:id/cancel', 'push.cancel', EmptyBody, (id, _b, actor) => pushes.cancel(id, actor)),
  ];
}

const OpenBody = z.object({ d: z.coerce.number().int().positive().optional() }).strict();

/** The mini-program reports a page opened from a push (public; limited per address). */
export function pushOpenRoutes(deps: { pushes: PushService; limiter: RateLimiter }): ApiRoute[] {
  const { pushes, limiter } = deps;
  return [
    defineRoute({
      method: 'post',
      path: '/pushes/:id/opens',
      operationId: 'record_push_open',
      summary: '记录从推送打开小程序页面（链接中的 d 参数使每位收件人只计一次）',
      tag: 'pushes',
      params: IdParams,
      body: OpenBody,
      response: z.object({ ok: z.literal(true) }),
      errors: [404, 429],
      guard: (ctx) => limiter.hit([{ key: `ip:${ctx.ip}`, limit: limiter.limits.perIp }]),
      handler: async ({ params, body }) => {
        await pushes.recordOpen(params.id, body.d ?? null);
        return { ok: true as const };
      },
    }),
  ];
}
