import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate } from 'react-router';
import type { SessionView } from '@zj/shared';
import { ApiError, messageOf } from '../api';
import { useSession } from '../session';

function minutes(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** 登录: a locked account or a too-busy IP (429) says how long to wait. */
export default function Login() {
  const { session, api, setSession } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session) return <Navigate to="/content" replace />;

  const submit = async (values: { name: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      setSession(await api.call<SessionView>('POST', '/session', values));
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(err.retryAfter ? `登录失败次数过多，账号已临时锁定，请 ${minutes(err.retryAfter)}后再试` : err.message);
      else if (err instanceof ApiError && err.status === 401) setError('用户名或密码错误');
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="zj-login">
      <p className="zj-login-title">镇江智慧人社</p>
      <p className="zj-login-sub">政务信息发布管理平台</p>
      <div className="zj-login-box">
        <h2>工作人员登录</h2>
        {error && <Alert type="error" showIcon title={error} className="zj-filters" data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="name" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登 录
          </Button>
        </Form>
        <p className="zj-login-foot">仅限授权工作人员使用。连续输错密码将临时锁定账号，所有操作均记入审计日志。</p>
      </div>
    </div>
  );
}
