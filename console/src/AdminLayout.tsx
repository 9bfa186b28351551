import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  MessageOutlined,
  DownOutlined,
  FileTextOutlined,
  KeyOutlined,
  LogoutOutlined,
  MailOutlined,
  NotificationOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App as AntApp, Breadcrumb, Dropdown, Layout, Menu, Tag } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { EDITOR_ROLE_NAMES } from '@zj/shared';
import { mayOpen, useSession, type Page } from './session';

const MENU: Array<{ page: Page; path: string; label: string; icon: React.ReactNode }> = [
  { page: 'content', path: '/content', label: '内容管理', icon: <FileTextOutlined /> },
  { page: 'review', path: '/review', label: '内容审核', icon: <SafetyCertificateOutlined /> },
  { page: 'pushes', path: '/pushes', label: '推送管理', icon: <NotificationOutlined /> },
  { page: 'templates', path: '/templates', label: '消息模板', icon: <MailOutlined /> },
  { page: 'unanswered', path: '/unanswered', label: '群众未答问题', icon: <QuestionCircleOutlined /> },
  { page: 'dashboard', path: '/dashboard', label: '政务公开考核', icon: <BarChartOutlined /> },
  { page: 'dictionary', path: '/dictionary', label: '搜索词典', icon: <BookOutlined /> },
  { page: 'keywordReplies', path: '/keyword-replies', label: '关键词回复', icon: <MessageOutlined /> },
  { page: 'menu', path: '/menu', label: '公众号菜单', icon: <AppstoreOutlined /> },
  { page: 'accounts', path: '/accounts', label: '账号管理', icon: <TeamOutlined /> },
  { page: 'audit', path: '/audit', label: '审计日志', icon: <AuditOutlined /> },
];

const CRUMBS: Array<[RegExp, string[]]> = [
  [/^\/content\/new$/, ['内容管理', '新建内容']],
  [/^\/content\/\d+\/edit$/, ['内容管理', '编辑内容']],
  [/^\/content\/\d+$/, ['内容管理', '内容详情']],
  [/^\/review\/\d+$/, ['内容审核', '五关审核']],
  [/^\/pushes\/new$/, ['推送管理', '新建推送']],
  [/^\/pushes\/\d+\/edit$/, ['推送管理', '编辑推送']],
  [/^\/pushes\/\d+$/, ['推送管理', '推送详情']],
  [/^\/password$/, ['个人设置', '修改密码']],
];

function crumbsOf(pathname: string): string[] {
  for (const [re, names] of CRUMBS) if (re.test(pathname)) return names;
  const entry = MENU.find((m) => pathname.startsWith(m.path));
  return entry ? [entry.label] : [];
}

/** The frame of every signed-in page: side menu (only the pages the role may open), header, breadcrumbs. */
export default function AdminLayout() {
  const { session, api, setSession } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  // Logged out, password changed or session expired: to the login page, which then opens the home page.
  if (!session) return <Navigate to="/login" replace />;

  const items = MENU.filter((m) => mayOpen(session, m.page)).map((m) => ({ key: m.path, icon: m.icon, label: <Link to={m.path}>{m.label}</Link> }));
  const selected = MENU.find((m) => pathname.startsWith(m.path))?.path;
  const logout = async () => {
    await api.call('DELETE', '/session').catch(() => undefined);
    setSession(null);
  };

  return (
    <AntApp>
      <Layout className="zj-layout">
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
          <div className="zj-brand">
            <span className="zj-brand-mark">人</span>
            {!collapsed && <span>镇江智慧人社</span>}
          </div>
          <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="zj-header">
            <span className="zj-header-title">政务信息发布管理平台</span>
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/password') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: logout },
                ],
              }}
            >
              <span className="zj-user" data-testid="user-menu">
                <UserOutlined />
                {session.editor.name}
                <Tag color="blue">{EDITOR_ROLE_NAMES[session.editor.role]}</Tag>
                <DownOutlined />
              </span>
            </Dropdown>
          </Layout.Header>
          <Layout.Content className="zj-content">
            <Breadcrumb className="zj-breadcrumb" items={[{ title: <Link to="/content">首页</Link> }, ...crumbsOf(pathname).map((title) => ({ title }))]} />
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
