import { ApprovePushBody, DryRun, MessageTemplateChannel, MessageTemplateList, MessageTemplateView, PushDetail, PushList, PushListQuery, PushPreview, PushProgress, PushTimeline, PushView, SchedulePushBody, TestSendResult, TimelineQuery, WechatLinkView } from '@zj/shared';
import { z } from 'zod';
import type { RateLimiter } from '../audience/rate-limit';
import type { EditorService } from '../editors/service';
import type { EditorWechatLinks } from '../editors/wechat-link';
import { actorOf, route, type AdminRoute } from '../http/admin-routes';
import { sessionOf } from '../http/admin-session';
import { defineRoute, type ApiRoute } from '../http/api-route';
import type { PushProgressService } from './progress';
import type { PushActor, PushService } from './service';
import type { MessageTemplates } from './templates';
import { toPushView } from './service';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const EmptyBody = z.object({}).strict();
const TemplateParams = z.object({ channel: MessageTemplateChannel, templateId: z.string().min(1).max(64) });

/**
 * The console's push API under /admin/api/pushes; every change is audited with the push before and after.
 * Answers are shaped by the shared schemas (shared/src/pushes.ts) the console reads them with. Also the
 * editor's own WeChat link (/me/wechat) that "发送测试给我" sends to.
 */
export function pushAdminRoutes(deps: {
  pushes: PushService;
  editors: EditorService;
  progress: PushProgressService;
  links: EditorWechatLinks;
  testSend: (pushId: number, editorId: number) => Promise<z.output<typeof TestSendResult>>;
  templates: MessageTemplates;
}): AdminRoute[] {
  const { pushes, editors, progress, links, templates } = deps;
  const pushActor = (ctx: Parameters<typeof sessionOf>[0]): PushActor => {
    const { editor } = sessionOf(ctx);
    return { editorId: editor.id, name: editor.name };
  };
  async function audited(ctx: Parameters<typeof actorOf>[0], action: string, id: number | null, change: () => Promise<{ id: number } & object>) {
    const before = id === null ? null : await pushes.load(id).then(toPushView, () => null);
    const after = await change();
    const view = PushView.parse(toPushView(after as Parameters<typeof toPushView>[0]));
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
  const editorIdOf = (ctx: Parameters<typeof sessionOf>[0]) => sessionOf(ctx).editor.id;
  return [
    route({ method: 'get', path: '/pushes', query: PushListQuery, handler: async ({ query }) => PushList.parse({ items: (await pushes.list(query)).map(toPushView) }) }),
    route({ method: 'get', path: '/pushes/coverage', handler: () => pushes.coverage() }),
    // The configured message templates (消息模板): every role composes with them, admins change them.
    route({ method: 'get', path: '/pushes/templates', handler: async () => MessageTemplateList.parse({ items: await templates.list() }) }),
    route({
      method: 'post',
      path: '/pushes/templates',
      body: z.unknown(),
      async handler({ body }, ctx) {
        const created = MessageTemplateView.parse(await templates.create(body));
        await editors.audit(actorOf(ctx), { action: 'push_template.create', targetType: `push_template_${created.channel}`, targetId: created.templateId, after: created });
        return created;
      },
    }),
    route({
      method: 'put',
      path: '/pushes/templates/:channel/:templateId',
      params: TemplateParams,
      body: z.unknown(),
      async handler({ params, body }, ctx) {
        const before = await templates.find(params.channel, params.templateId);
        const updated = MessageTemplateView.parse(await templates.update(params.channel, params.templateId, body));
        await editors.audit(actorOf(ctx), { action: 'push_template.update', targetType: `push_template_${params.channel}`, targetId: params.templateId, before, after: updated });
        return updated;
      },
    }),
    route({
      method: 'delete',
      path: '/pushes/templates/:channel/:templateId',
      params: TemplateParams,
      noContent: true,
      async handler({ params }, ctx) {
        const before = await templates.remove(params.channel, params.templateId);
        await editors.audit(actorOf(ctx), { action: 'push_template.delete', targetType: `push_template_${params.channel}`, targetId: params.templateId, before, after: null });
      },
    }),
    // The unsaved compose form: its preview and its recipient count, before anything is stored.
    route({ method: 'post', path: '/pushes/preview', body: z.unknown(), handler: async ({ body }) => PushPreview.parse(await pushes.previewInput(body)) }),
    route({ method: 'post', path: '/pushes/dry-run', body: z.unknown(), handler: async ({ body }) => DryRun.parse(await pushes.dryRunInput(body)) }),
    route({
      method: 'get',
      path: '/pushes/:id',
      params: IdParams,
      handler: async ({ params }) =>
        PushDetail.parse({ push: toPushView(await pushes.load(params.id)), stats: await pushes.stats(params.id), transitions: await pushes.transitionsOf(params.id) }),
    }),
    route({ method: 'get', path: '/pushes/:id/progress', params: IdParams, handler: async ({ params }) => PushProgress.parse(await progress.progress(params.id)) }),
    route({
      method: 'get',
      path: '/pushes/:id/timeline',
      params: IdParams,
      query: TimelineQuery,
      handler: async ({ params, query }) => PushTimeline.parse(await progress.timeline(params.id, query.bucket)),
    }),
    route({
      method: 'post',
      path: '/pushes/:id/test-send',
      params: IdParams,
      body: EmptyBody,
      async handler({ params }, ctx) {
        const result = TestSendResult.parse(await deps.testSend(params.id, editorIdOf(ctx)));
        await editors.audit(actorOf(ctx), { action: 'push.test_send', targetType: 'push', targetId: params.id, before: null, after: result });
        return result;
      },
    }),
    route({ method: 'get', path: '/me/wechat', handler: async (_input, ctx) => WechatLinkView.parse(await links.view(editorIdOf(ctx))) }),
    route({ method: 'post', path: '/me/wechat/code', body: EmptyBody, handler: async (_input, ctx) => WechatLinkView.parse(await links.issueCode(editorIdOf(ctx))) }),
    route({
      method: 'delete',
      path: '/me/wechat',
      async handler(_input, ctx) {
        const view = WechatLinkView.parse(await links.unlink(editorIdOf(ctx)));
        await editors.audit(actorOf(ctx), { action: 'editor.wechat_unlink', targetType: 'editor', targetId: editorIdOf(ctx), before: null, after: null });
        return view;
      },
    }),
    route({ method: 'post', path: '/pushes', body: z.unknown(), handler: ({ body }, ctx) => audited(ctx, 'push.create', null, () => pushes.create(body, pushActor(ctx))) }),
    route({
      method: 'put',
      path: '/pushes/:id',
      params: IdParams,
      body: z.unknown(),
      handler: ({ params, body }, ctx) => audited(ctx, 'push.update', params.id, () => pushes.update(params.id, body, pushActor(ctx))),
    }),
    route({ method: 'get', path: '/pushes/:id/preview', params: IdParams, handler: async ({ params }) => PushPreview.parse(await pushes.preview(params.id)) }),
    route({ method: 'post', path: '/pushes/:id/dry-run', params: IdParams, body: EmptyBody, handler: async ({ params }) => DryRun.parse(await pushes.dryRun(params.id)) }),
    action('/pushes/:id/submit', 'push.submit', EmptyBody, (id, _b, actor) => pushes.submit(id, actor)),
    action('/pushes/:id/approve', 'push.approve', ApprovePushBody, (id, b: z.output<typeof ApprovePushBody>, actor) =>
      pushes.approve(id, { sendAt: b.sendAt === null ? null : new Date(b.sendAt), note: b.note }, actor),
    ),
    action('/pushes/:id/schedule', 'push.schedule', SchedulePushBody, (id, b: z.output<typeof SchedulePushBody>, actor) => pushes.reschedule(id, new Date(b.sendAt), actor)),
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
