import { StyleProvider } from '@ant-design/cssinjs';
import { IconProvider } from '@ant-design/icons';
import { ConfigProvider, Spin, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import type { SessionView } from '@zj/shared';
import { createApi } from './api';
import { SessionContext } from './session';
import themeJson from './theme.json';

dayjs.locale('zh-cn');

// zeroRuntime: antd injects no <style> tags; its CSS is the file extracted at build time with this same theme.
const theme = { ...themeJson, zeroRuntime: true } as ThemeConfig;
// Where the little CSS antd still generates at run time goes: nowhere (a detached element), as the CSP would block it anyway.
const styleSink = document.createElement('div');

const page = (load: () => Promise<{ default: React.ComponentType }>) => () => load().then((m) => ({ Component: m.default }));

const loading = <Spin size="large" className="zj-page-loading" />;

const routes: RouteObject[] = [
  { path: '/login', lazy: page(() => import('./pages/Login')), hydrateFallbackElement: loading },
  {
    path: '/',
    lazy: page(() => import('./AdminLayout')),
    hydrateFallbackElement: loading,
    children: [
      { index: true, element: <Navigate to="/content" replace /> },
      { path: 'content', lazy: page(() => import('./pages/ContentList')) },
      { path: 'content/new', lazy: page(() => import('./pages/ContentEdit')) },
      { path: 'content/:id', lazy: page(() => import('./pages/ContentDetail')) },
      { path: 'content/:id/edit', lazy: page(() => import('./pages/ContentEdit')) },
      { path: 'review', lazy: page(() => import('./pages/ReviewList')) },
      { path: 'review/:id', lazy: page(() => import('./pages/Review')) },
      { path: 'accounts', lazy: page(() => import('./pages/Accounts')) },
      { path: 'audit', lazy: page(() => import('./pages/Audit')) },
      { path: 'unanswered', lazy: page(() => import('./pages/Unanswered')) },
      { path: 'pushes', lazy: page(() => import('./pages/Pushes')) },
      { path: 'pushes/new', lazy: page(() => import('./pages/PushCompose')) },
      { path: 'pushes/:id', lazy: page(() => import('./pages/PushDetail')) },
      { path: 'pushes/:id/edit', lazy: page(() => import('./pages/PushCompose')) },
      { path: 'templates', lazy: page(() => import('./pages/Templates')) },
      { path: 'dashboard', lazy: page(() => import('./pages/Dashboard')) },
      { path: 'dictionary', lazy: page(() => import('./pages/Dictionary')) },
      { path: 'keyword-replies', lazy: page(() => import('./pages/KeywordReplies')) },
      { path: 'menu', lazy: page(() => import('./pages/MenuEditor')) },
      { path: 'password', lazy: page(() => import('./pages/Password')) },
      { path: '*', lazy: page(() => import('./pages/NotFound')) },
    ],
  },
];

export function App() {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const csrf = useRef<string | null>(null);
  csrf.current = session?.csrfToken ?? null;
  const api = useMemo(() => createApi(() => csrf.current, () => setSession(null)), []);
  const router = useMemo(() => createBrowserRouter(routes, { basename: '/admin' }), []);

  useEffect(() => {
    api.call<SessionView>('GET', '/session').then(setSession, () => setSession(null));
  }, [api]);

  return (
    <StyleProvider container={styleSink}>
      <IconProvider value={{ zeroRuntime: true }}>
        <ConfigProvider locale={zhCN} theme={theme}>
          {session === undefined ? (
            loading
          ) : (
            <SessionContext.Provider value={{ session, api, setSession }}>
              <RouterProvider router={router} />
            </SessionContext.Provider>
          )}
        </ConfigProvider>
      </IconProvider>
    </StyleProvider>
  );
}
