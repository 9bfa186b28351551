import { App, Alert, Button, Col, Input, Row, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api';
import { formatTime } from '../content';
import { useApi } from '../session';
import '../editorial.css';

interface MenuButton {
  name: string;
  type?: string;
  sub_button?: MenuButton[];
}
interface Menu {
  button: MenuButton[];
}
interface MenuVersion {
  id: number;
  menu: Menu;
  note: string | null;
  createdByName: string;
  createdAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}
interface Overview {
  versions: MenuVersion[];
  published: MenuVersion | null;
  defaultMenu: Menu;
}

/** How the menu looks at the bottom of the chat in WeChat: sub-menus above their button. */
export function MenuPreview({ menu }: { menu: Menu | null }) {
  const buttons = menu?.button ?? [];
  return (
    <div className="zj-phone" data-testid="menu-preview">
      <div className="zj-phone-screen">
        {buttons.map((b, i) =>
          b.sub_button ? (
            <div key={i} className="zj-phone-subs">{b.sub_button.map((s, j) => <span key={j}>{s.name}</span>)}</div>
          ) : (
            <div key={i} className="zj-phone-subs-empty" />
          ),
        )}
      </div>
      <div className="zj-phone-bar">{buttons.map((b, i) => <span key={i}>{b.sub_button ? '≡ ' : ''}{b.name}</span>)}</div>
    </div>
  );
}

function parseJson(text: string): Menu | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && Array.isArray((value as Menu).button) ? (value as Menu) : null;
  } catch {
    return null;
  }
}

/** The server's validation problems, one line each (path and message). */
function problemsOf(err: unknown): string[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [messageOf(err)];
  return (err.details as Array<{ path?: unknown[]; message?: string }>).map((d) => `${(d.path ?? []).join('.')}：${d.message ?? ''}`);
}

/** 公众号菜单 (admins): edit as JSON with a live preview, save as a version, publish a version to WeChat. */
export default function MenuEditor() {
  const api = useApi();
  const { message, modal } = App.useApp();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  const load = useCallback(() => {
    api.call<Overview>('GET', '/menu').then(
      (o) => {
        setOverview(o);
        setText((t) => t || JSON.stringify((o.versions[0] ?? o.published)?.menu ?? o.defaultMenu, null, 2));
      },
      (err) => message.error(messageOf(err)),
    );
  }, [api, message]);
  useEffect(load, [load]);

  const draft = parseJson(text);
  const save = async () => {
    if (!draft) {
      setProblems(['不是有效的 JSON，或缺少 button 数组']);
      return;
    }
    try {
      await api.call('POST', '/menu/versions', { menu: draft, ...(note.trim() && { note: note.trim() }) });
      setProblems([]);
      setNote('');
      message.success('已保存为新版本，发布后公众号菜单才会变更');
      load();
    } catch (err) {
      setProblems(problemsOf(err));
    }
  };
  const publish = (v: MenuVersion) =>
    modal.confirm({
      title: `确定将第 ${v.id} 版菜单发布到公众号吗？`,
      content: '发布后关注者在微信中看到的菜单将立即更新。',
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.call('POST', `/menu/versions/${v.id}/publish`, {});
          message.success('菜单已发布');
          load();
        } catch (err) {
          message.error(messageOf(err));
        }
      },
    });

  return (
    <>
      <div className="zj-panel">
        <div className="zj-panel-title">
          编辑菜单
          <span className="zj-muted">
            {overview?.published ? `当前线上：第 ${overview.published.id} 版（${formatTime(overview.published.publishedAt)} 由 ${overview.published.publishedByName} 发布）` : '尚未从控制台发布过菜单（线上为仓库中的默认菜单）'}
          </span>
        </div>
        <Row gutter={24}>
          <Col flex="auto">
            <Input.TextArea className="zj-menu-json" rows={22} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="menu-json" />
            {problems.length > 0 && <Alert type="error" showIcon className="zj-form-actions" title="菜单不符合微信的要求" description={<ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />}
            <Space className="zj-form-actions">
              <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="版本说明（选填）" maxLength={200} />
              <Button type="primary" onClick={save}>保存为新版本</Button>
              <Button onClick={() => overview && setText(JSON.stringify(overview.defaultMenu, null, 2))}>载入默认菜单</Button>
            </Space>
          </Col>
          <Col flex="340px">
            <div className="zj-muted">预览（一级菜单最多 3 个，子菜单最多 5 个）</div>
            <MenuPreview menu={draft} />
          </Col>
        </Row>
      </div>
      <div className="zj-panel">
        <div className="zj-panel-title">菜单版本</div>
        <Table<MenuVersion>
          rowKey="id"
          size="small"
          loading={overview === null}
          dataSource={overview?.versions ?? []}
          pagination={false}
          locale={{ emptyText: '暂无保存的版本' }}
          data-testid="menu-versions"
          columns={[
            { title: '版本', dataIndex: 'id', width: 70, render: (id: number) => `第 ${id} 版` },
            { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            { title: '保存人', dataIndex: 'createdByName', width: 120 },
            { title: '保存时间', dataIndex: 'createdAt', width: 170, render: formatTime },
            { title: '发布', dataIndex: 'publishedAt', width: 200, render: (p: string | null, v) => (p ? <Tag color="success">已发布 {formatTime(p)}{v.id === overview?.published?.id ? '（线上）' : ''}</Tag> : <Tag>未发布</Tag>) },
            {
              title: '操作',
              width: 160,
              render: (_v, v) => (
                <Space>
                  <a onClick={() => setText(JSON.stringify(v.menu, null, 2))}>载入编辑</a>
                  <a onClick={() => publish(v)}>发布</a>
                </Space>
              ),
            },
          ]}
        />
      </div>
    </>
  );
}
