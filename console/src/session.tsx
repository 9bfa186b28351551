import { createContext, useContext } from 'react';
import type { EditorRole, SessionView } from '@zj/shared';
import type { Api } from './api';

export interface SessionContextValue {
  session: SessionView | null;
  api: Api;
  setSession(session: SessionView | null): void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionContext>');
  return value;
}

export const useApi = () => useSession().api;

/** Who sees which page; the server checks the same roles (server/src/http/admin-access.ts). */
export const PAGE_ROLES = {
  content: ['editor', 'reviewer', 'admin'],
  review: ['reviewer', 'admin'],
  accounts: ['admin'],
  audit: ['admin'],
  unanswered: ['editor', 'reviewer', 'admin'],
  pushes: ['editor', 'reviewer', 'admin'],
  templates: ['admin'],
  dashboard: ['editor', 'reviewer', 'admin'],
  dictionary: ['editor', 'reviewer', 'admin'],
  keywordReplies: ['admin'],
  menu: ['admin'],
} as const satisfies Record<string, readonly EditorRole[]>;

export type Page = keyof typeof PAGE_ROLES;

export const mayOpen = (session: SessionView | null, page: Page): boolean =>
  session !== null && (PAGE_ROLES[page] as readonly EditorRole[]).includes(session.editor.role);
