import { App, Button, Form, Input } from 'antd';
import { NewPassword } from '@zj/shared';
import { messageOf } from '../api';
import { useSession } from '../session';

/** 修改密码: the server ends every session of the account, so the editor logs in again. */
export default function Password() {
  const { api, setSession } = useSession();
  const { message } = App.useApp();
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    try {
      await api.call('PUT', '/session/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改，请使用新密码重新登录');
      setSession(null); // the layout then shows the login page
    } catch (err) {
      message.error(messageOf(err));
    }
  };
  return (
    <div className="zj-panel">
      <div className="zj-panel-title">修改密码</div>
      <Form layout="vertical" onFinish={submit} className="zj-narrow-form">
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 12 位，建议使用容易记住的长句"
          rules={[{ required: true, message: '请输入新密码' }, { validator: (_r, v) => (v && !NewPassword.safeParse(v).success ? Promise.reject(new Error('新密码至少 12 位')) : Promise.resolve()) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_r, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">确认修改</Button>
      </Form>
    </div>
  );
}
