import Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import { z } from 'zod';
import {
  AdminContentQuery,
  ApproveBody,
  AuditQuery,
  ChangeOwnPasswordBody,
  CreateEditorBody,
  DiffQuery,
  IdParams,
  LoginBody,
  RejectBody,
  RestoreBody,
  ScheduleBody,
  StatusChangeBody,
  UpdateContentBody,
  UpdateEditorBody,
  VersionParams,
  type ContentStatus,
  type EditorRole,
  type SessionView,
} from '@zj/shared';
import type { ContentActor, ContentService } from '../content/service';
import type { Actor, EditorService, EditorSession } from '../editors/service';
import { LoginLockedError, toEditorView } from '../editors/service';
import { NotFoundError } from '../errors';
import { ADMIN_API_PREFIX, accessOf } from './admin-access';
import { adminSession, clearSessionCookie, csrfProtection, requireRole, sessionOf, setSessionCookie, type AdminState } from './admin-session';
import { readJson } from './api-route';
import { parseOrThrow, queryOf, refuseQuery } from './validate';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Ctx = ParameterizedContext<AdminState>;

export interface AdminRoute<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to /admin/api; who may call it is looked up in ADMIN_ACCESS. */
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Answer 204 with no body. */
  noContent?: boolean;
  handler(input: { params: Out<P>; query: Out<Q>; body: Out<B> }, ctx: Ctx): Promise<unknown>;
}

export function route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(r: AdminRoute<P, Q, B>): AdminRoute {
  return r as unknown as AdminRoute;
}

export const actorOf = (ctx: Ctx): Actor => {
  const { editor } = sessionOf(ctx);
  return { editorId: editor.id, name: editor.name, ip: ctx.ip || null };
};

const contentActorOf = (ctx: Ctx): ContentActor => {
  const { editor } = sessionOf(ctx);
  return { editorId: editor.id, name: editor.name, role: editor.role as EditorRole };
};

function sessionView(session: EditorSession): SessionView {
  return { editor: toEditorView(session.editor), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

export interface AdminDeps {
  editors: EditorService;
  content: ContentService;
  /** Other domains' /admin/api routes (pushes), guarded and validated the same way. */
  more?: readonly AdminRoute[];
}

function sessionRoutes({ editors }: AdminDeps): AdminRoute[] {
  return [
    route({
      method: 'post',
      path: '/session',
      body: LoginBody,
      async handler({ body }, ctx) {
        try {
          const { token, session } = await editors.login(body.name, body.password, ctx.ip || null);
          setSessionCookie(ctx, token);
          return sessionView(session);
        } catch (err) {
          if (err instanceof LoginLockedError) ctx.set('Retry-After', String(err.retryAfterSeconds));
          throw err;
        }
      },
    }),
    route({ method: 'get', path: '/session', handler: async (_input, ctx) => sessionView(sessionOf(ctx)) }),
    route({
      method: 'delete',
      path: '/session',
      noContent: true,
      async handler(_input, ctx) {
        await editors.logout(sessionOf(ctx), ctx.ip || null);
        clearSessionCookie(ctx);
      },
    }),
    route({
      method: 'put',
      path: '/session/password',
      body: ChangeOwnPasswordBody,
      noContent: true,
      async handler({ body }, ctx) {
        await editors.changeOwnPassword(sessionOf(ctx), body.currentPassword, body.newPassword, ctx.ip || null);
        clearSessionCookie(ctx);
      },
    }),
  ];
}

function accountRoutes({ editors }: AdminDeps): AdminRoute[] {
  return [
    route({ method: 'get', path: '/editors', handler: async () => ({ items: await editors.listEditors() }) }),
    route({
      method: 'post',
      path: '/editors',
      body: CreateEditorBody,
      handler: ({ body }, ctx) => editors.createEditor(body, actorOf(ctx)),
    }),
    route({
      method: 'patch',
      path: '/editors/:id',
      params: IdParams,
      body: UpdateEditorBody,
      handler: ({ params, body }, ctx) => editors.updateEditor(params.id, body, actorOf(ctx)),
    }),
    route({ method: 'get', path: '/audit', query: AuditQuery, handler: async ({ query }) => ({ items: await editors.searchAudit(query) }) }),
  ];
}

function contentRoutes({ editors, content }: AdminDeps): AdminRoute[] {
  /** Runs a change and records it in the audit log with the item before and after. */
  async function audited(ctx: Ctx, action: string, id: number | null, change: () => Promise<{ id: number }>) {
    const before = id === null ? null : ((await content.findItem(id)) ?? null);
    const after = await change();
    await editors.audit(actorOf(ctx), { action, targetType: 'content', targetId: after.id, before, after });
    return after;
  }
  const transition = (path: string, to: ContentStatus, action: string, body: Schema = StatusChangeBody) =>
    route({
      method: 'post',
      path,
      params: IdParams,
      body,
      handler: ({ params, body: b }, ctx) => {
        const { expectedVersion, comment, gates } = b as { expectedVersion: number; comment?: string; gates?: [] };
        return audited(ctx, action, params.id, () => content.changeStatus(params.id, to, { actor: contentActorOf(ctx), expectedVersion, note: comment, gates }));
      },
    });
  return [
    route({
      method: 'get',
      path: '/content',
      query: AdminContentQuery,
      handler: async ({ query }) => ({ items: await content.listItems(query) }),
    }),
    route({
      method: 'get',
      path: '/content/:id',
      params: IdParams,
      async handler({ params }) {
        const item = await content.findItem(params.id);
        if (!item) throw new NotFoundError('该内容');
        const versions = await content.versions(params.id);
        return { item, versions: versions.map(({ snapshot: _s, ...v }) => v) };
      },
    }),
    route({
      method: 'post',
      path: '/content',
      body: z.unknown(),
      handler: ({ body }, ctx) => audited(ctx, 'content.create', null, () => content.createItem(body, contentActorOf(ctx))),
    }),
    route({
      method: 'put',
      path: '/content/:id',
      params: IdParams,
      body: UpdateContentBody,
      handler: ({ params, body }, ctx) =>
        audited(ctx, 'content.update', params.id, () => content.updateItem(params.id, body.item, { actor: contentActorOf(ctx), expectedVersion: body.expectedVersion })),
    }),
    transition('/content/:id/submit', 'in_review', 'content.submit'),
    transition('/content/:id/approve', 'approved', 'content.approve', ApproveBody),
    transition('/content/:id/reject', 'draft', 'content.reject', RejectBody),
    transition('/content/:id/publish', 'published', 'content.publish'),
    transition('/content/:id/archive', 'archived', 'content.archive'),
    route({
      method: 'get',
      path: '/content/:id/diff',
      params: IdParams,
      query: DiffQuery,
      handler: async ({ params, query }) => ({ from: query.from, to: query.to, ...(await content.versionDiff(params.id, query.from, query.to)) }),
    }),
    route({
      method: 'post',
      path: '/content/:id/versions/:version/restore',
      params: VersionParams,
      body: RestoreBody,
      handler: ({ params, body }, ctx) =>
        audited(ctx, 'content.restore', params.id, () => content.restoreVersion(params.id, params.version, { actor: contentActorOf(ctx), expectedVersion: body.expectedVersion })),
    }),
    route({
      method: 'put',
      path: '/content/:id/schedule',
      params: IdParams,
      body: ScheduleBody,
      handler: ({ params, body }, ctx) =>
        audited(ctx, 'content.schedule', params.id, () =>
          content.setSchedule(
            params.id,
            { publishAt: body.publishAt === null ? null : new Date(body.publishAt), unpublishAt: body.unpublishAt === null ? null : new Date(body.unpublishAt) },
            { actor: contentActorOf(ctx), expectedVersion: body.expectedVersion },
          ),
        ),
    }),
  ];
}

/** Every /admin/api route of this module, each guarded by its ADMIN_ACCESS entry. */
export function adminRoutes(deps: AdminDeps): AdminRoute[] {
  return [...sessionRoutes(deps), ...accountRoutes(deps), ...contentRoutes(deps), ...(deps.more ?? [])];
}

/**
 * Session and role check of another domain's /admin/api route (e.g. the unanswered questions), from
 * its ADMIN_ACCESS entry. A read-only route needs no CSRF check.
 */
export function adminGuard(editors: EditorService, method: 'get', path: string): Middleware<AdminState> {
  const access = accessOf(method, path);
  const session = adminSession(editors);
  const role = access === 'anyone' ? null : requireRole(...access);
  return (ctx, next) => session(ctx, () => (role ? role(ctx, next) : next()));
}

/**
 * The console's API router: session, CSRF check, then per route its role from ADMIN_ACCESS, then
 * validation. A refused request is refused before its body is read, so it changes nothing.
 */
export function adminRouter(deps: AdminDeps): Router<AdminState> {
  const router = new Router<AdminState>({ prefix: ADMIN_API_PREFIX });
  router.use(adminSession(deps.editors), csrfProtection(deps.editors));
  for (const r of adminRoutes(deps)) {
    const access = accessOf(r.method, r.path);
    const template = `${ADMIN_API_PREFIX}${r.path}`;
    const guard = access === 'anyone' ? [] : [requireRole(...access)];
    router[r.method](r.path, async (ctx, next) => {
      ctx.state.route = template;
      await next();
    }, ...guard, async (ctx) => {
      const params = r.params ? parseOrThrow(r.params, ctx.params) : undefined;
      const query = r.query ? parseOrThrow(r.query, queryOf(ctx)) : undefined;
      if (!r.query) refuseQuery(ctx);
      const body = r.body ? parseOrThrow(r.body, await readJson(ctx), '请求体') : undefined;
      const result = await r.handler({ params, query, body } as Parameters<AdminRoute['handler']>[0], ctx);
      if (r.noContent) ctx.status = 204;
      else ctx.body = result;
    });
  }
  return router;
}
