import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { EDITOR_ROLE_NAMES, EDITOR_ROLES, EditorName, NewPassword, type EditorRole, type EditorView } from '@zj/shared';
import { messageOf } from '../api';
import { formatTime } from '../content';
import { useSession } from '../session';
import { Guard } from './Forbidden';

const roleOptions = EDITOR_ROLES.map((r) => ({ value: r, label: EDITOR_ROLE_NAMES[r] }));
const zodRule = (schema: { safeParse(v: unknown): { success: boolean } }, text: string) => ({
  validator: (_r: unknown, v: unknown) => (v === undefined || v === '' || schema.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(text))),
});

function AccountTable() {
  const { api, session } = useSession();
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<EditorView[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<EditorView | null>(null);
  const [form] = Form.useForm();
  const [resetForm] = Form.useForm();
  const reload = useCallback(() => {
    api.call<{ items: EditorView[] }>('GET', '/editors').then((r) => setItems(r.items), (err) => message.error(messageOf(err)));
  }, [api, message]);
  useEffect(reload, [reload]);

  const update = async (e: EditorView, change: Partial<{ role: EditorRole; disabled: boolean; password: string }>, done: string) => {
    try {
      await api.call('PATCH', `/editors/${e.id}`, change);
      message.success(done);
      reload();
      return true;
    } catch (err) {
      message.error(messageOf(err));
      return false;
    }
  };

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        账号管理
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建账号</Button>
      </div>
      <Table<EditorView>
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        columns={[
          { title: '用户名', dataIndex: 'name' },
          {
            title: '角色',
            dataIndex: 'role',
            width: 160,
            render: (role: EditorRole, e) => <Select size="small" value={role} options={roleOptions} disabled={e.id === session?.editor.id} onChange={(r) => update(e, { role: r }, '角色已修改')} className="zj-select" />,
          },
          { title: '状态', dataIndex: 'disabled', width: 90, render: (d: boolean) => (d ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>) },
          { title: '创建时间', dataIndex: 'createdAt', width: 180, render: formatTime },
          { title: '密码修改时间', dataIndex: 'passwordChangedAt', width: 180, render: formatTime },
          {
            title: '操作',
            width: 180,
            render: (_v, e) =>
              e.id === session?.editor.id ? <span className="zj-muted">当前账号</span> : (
                <Space>
                  <a onClick={() => setResetting(e)}>重置密码</a>
                  <a onClick={() => modal.confirm({ title: e.disabled ? `确定启用账号 ${e.name} 吗？` : `确定停用账号 ${e.name} 吗？停用后其登录会话立即失效。`, okText: '确定', cancelText: '取消', onOk: () => update(e, { disabled: !e.disabled }, e.disabled ? '账号已启用' : '账号已停用') })}>
                    {e.disabled ? '启用' : '停用'}
                  </a>
                </Space>
              ),
          },
        ]}
      />
      <Modal title="新建账号" open={creating} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText="创建" cancelText="取消" destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ role: 'editor' }}
          onFinish={async (v: { name: string; role: EditorRole; password: string }) => {
            try {
              await api.call('POST', '/editors', v);
              message.success('账号已创建');
              setCreating(false);
              form.resetFields();
              reload();
            } catch (err) {
              message.error(messageOf(err));
            }
          }}
        >
          <Form.Item name="name" label="用户名" rules={[{ required: true, message: '请输入用户名' }, zodRule(EditorName, '应为 2–40 个字母、数字或 . _ -')]}><Input /></Form.Item>
          <Form.Item name="role" label="角色"><Select options={roleOptions} /></Form.Item>
          <Form.Item name="password" label="初始密码" extra="至少 12 位；请通过安全渠道告知本人" rules={[{ required: true, message: '请输入初始密码' }, zodRule(NewPassword, '密码至少 12 位')]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
      <Modal title={`重置密码：${resetting?.name ?? ''}`} open={resetting !== null} onCancel={() => setResetting(null)} onOk={() => resetForm.submit()} okText="重置" cancelText="取消" destroyOnHidden>
        <Form form={resetForm} layout="vertical" onFinish={async (v: { password: string }) => { if (resetting && (await update(resetting, { password: v.password }, '密码已重置，其登录会话已失效'))) setResetting(null); }}>
          <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }, zodRule(NewPassword, '密码至少 12 位')]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** 账号管理 (admins only). */
export default function Accounts() {
  return <Guard page="accounts"><AccountTable /></Guard>;
}
