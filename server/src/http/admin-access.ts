import type { EditorRole } from '@zj/shared';

/** `anyone`: no session needed (logging in); otherwise the roles whose session may call the route. */
export type Access = 'anyone' | readonly EditorRole[];

const ALL: readonly EditorRole[] = ['editor', 'reviewer', 'admin'];
const REVIEWERS: readonly EditorRole[] = ['reviewer', 'admin'];
const ADMINS: readonly EditorRole[] = ['admin'];

/**
 * Who may call each /admin/api route, keyed `METHOD /path` as mounted (path relative to /admin/api).
 * Mounting a route that has no entry here fails at start-up, and the role-matrix test checks every
 * entry for every role, so access is decided in this one table.
 */
export const ADMIN_ACCESS: Readonly<Record<string, Access>> = {
  'POST /session': 'anyone',
  'GET /session': ALL,
  'DELETE /session': ALL,
  'PUT /session/password': ALL,
  'GET /editors': ADMINS,
  'POST /editors': ADMINS,
  'PATCH /editors/:id': ADMINS,
  'GET /audit': ADMINS,
  'GET /content': ALL,
  'GET /content/:id': ALL,
  'POST /content': ALL,
  'PUT /content/:id': ALL,
  'POST /content/:id/submit': ALL,
  'POST /content/:id/approve': REVIEWERS,
  'POST /content/:id/reject': REVIEWERS,
  'POST /content/:id/publish': REVIEWERS,
  'POST /content/:id/archive': REVIEWERS,
  'GET /content/:id/diff': ALL,
  // Restoring or rescheduling an approved or published item needs a reviewer: the service checks the status.
  'POST /content/:id/versions/:version/restore': ALL,
  'PUT /content/:id/schedule': ALL,
  'GET /openness': ALL,
  'GET /openness/:section.csv': ALL,
  // The search dictionary changes no published text: editors maintain it from the unanswered questions.
  'GET /dictionary': ALL,
  'POST /dictionary/synonyms': ALL,
  'DELETE /dictionary/synonyms/:term': ALL,
  'POST /dictionary/stop-words': ALL,
  'DELETE /dictionary/stop-words/:term': ALL,
  'GET /keyword-rules': ALL,
  'POST /keyword-rules': ADMINS,
  'PUT /keyword-rules/:id': ADMINS,
  'GET /menu': ADMINS,
  'POST /menu/versions': ADMINS,
  'POST /menu/versions/:id/publish': ADMINS,
  'GET /unanswered-questions': ALL,
  'GET /pushes': ALL,
  'GET /pushes/coverage': ALL,
  'GET /pushes/templates': ALL,
  'POST /pushes/templates': ADMINS,
  'PUT /pushes/templates/:channel/:templateId': ADMINS,
  'DELETE /pushes/templates/:channel/:templateId': ADMINS,
  'GET /pushes/:id': ALL,
  'POST /pushes': ALL,
  'PUT /pushes/:id': ALL,
  'GET /pushes/:id/preview': ALL,
  'POST /pushes/:id/dry-run': ALL,
  'POST /pushes/:id/submit': ALL,
  'POST /pushes/:id/approve': REVIEWERS,
  'POST /pushes/:id/schedule': REVIEWERS,
  'POST /pushes/:id/pause': REVIEWERS,
  'POST /pushes/:id/resume': REVIEWERS,
  'POST /pushes/:id/cancel': REVIEWERS,
  'POST /pushes/preview': ALL,
  'POST /pushes/dry-run': ALL,
  'GET /pushes/:id/progress': ALL,
  'GET /pushes/:id/timeline': ALL,
  'POST /pushes/:id/test-send': ALL,
  'GET /me/wechat': ALL,
  'POST /me/wechat/code': ALL,
  'DELETE /me/wechat': ALL,
};

export const ADMIN_API_PREFIX = '/admin/api';

export function accessOf(method: string, path: string): Access {
  const access = ADMIN_ACCESS[`${method.toUpperCase()} ${path}`];
  if (access === undefined) throw new Error(`${method.toUpperCase()} ${ADMIN_API_PREFIX}${path} has no entry in ADMIN_ACCESS (server/src/http/admin-access.ts)`);
  return access;
}
