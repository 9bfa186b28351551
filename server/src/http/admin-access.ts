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
  'GET /unanswered-questions': ALL,
  'GET /pushes': ALL,
  'GET /pushes/coverage': ALL,
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
};

export const ADMIN_API_PREFIX = '/admin/api';

export function accessOf(method: string, path: string): Access {
  const access = ADMIN_ACCESS[`${method.toUpperCase()} ${path}`];
  if (access === undefined) throw new Error(`${method.toUpperCase()} ${ADMIN_API_PREFIX}${path} has no entry in ADMIN_ACCESS (server/src/http/admin-access.ts)`);
  return access;
}
