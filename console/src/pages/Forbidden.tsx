import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { mayOpen, useSession, type Page } from '../session';

/** Pages a role may not open show 无权限 (the server refuses their API calls as well). */
export function Guard({ page, children }: { page: Page; children: React.ReactNode }) {
  const { session } = useSession();
  if (mayOpen(session, page)) return children;
  return (
    <Result
      status="403"
      title="无权限"
      subTitle="您的账号没有访问此页面的权限，如需开通请联系系统管理员。"
      extra={<Link to="/content"><Button type="primary">返回首页</Button></Link>}
      data-testid="forbidden"
    />
  );
}
