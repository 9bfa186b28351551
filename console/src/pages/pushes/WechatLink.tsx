import { App, Button, Popconfirm, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { WechatLinkView } from '@zj/shared';
import { messageOf } from '../../api';
import { formatTime } from '../../content';
import { useApi } from '../../session';

const POLL_MS = 3_000;

/**
 * 我的微信: the editor links their own WeChat for "发送测试给我" by sending a one-time code to the official
 * account. While a code is pending the card polls until the message server has linked it.
 */
export function WechatLinkCard() {
  const api = useApi();
  const { message } = App.useApp();
  const [link, setLink] = useState<WechatLinkView | null>(null);

  const load = useCallback(async () => setLink(WechatLinkView.parse(await api.call<unknown>('GET', '/me/wechat'))), [api]);
  useEffect(() => {
    load().catch((err) => message.error(messageOf(err)));
  }, [load, message]);
  const pending = link?.code !== null && link?.code !== undefined;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [pending, load]);
  const run = (method: 'POST' | 'DELETE', path: string, done?: string) => async () => {
    try {
      setLink(WechatLinkView.parse(await api.call<unknown>(method, path, method === 'POST' ? {} : undefined)));
      if (done) message.success(done);
    } catch (err) {
      message.error(messageOf(err));
    }
  };

  return (
    <div className="zj-panel" data-testid="wechat-link">
      <div className="zj-panel-title">我的微信</div>
      {!link ? (
        <Spin />
      ) : link.linked && !pending ? (
        <Space direction="vertical">
          <span>已绑定：{link.openidMasked}</span>
          <span className="zj-muted">绑定于 {formatTime(link.linkedAt)}，「发送测试给我」只发到这个微信。</span>
          <Space>
            <Button size="small" onClick={run('POST', '/me/wechat/code')}>换绑</Button>
            <Popconfirm title="解除绑定后将无法接收测试消息，确定？" okText="解除" cancelText="取消" onConfirm={run('DELETE', '/me/wechat', '已解除绑定')}>
              <Button size="small" danger>解除绑定</Button>
            </Popconfirm>
          </Space>
        </Space>
      ) : pending ? (
        <Space direction="vertical">
          <span>用您本人的微信关注「镇江智慧人社」公众号，发送：</span>
          <span className="zj-bind-code" data-testid="wechat-bind-code">绑定 {link.code}</span>
          <span className="zj-muted">绑定码 {formatTime(link.codeExpiresAt)} 前有效，只能使用一次。绑定成功后本页自动更新。</span>
          <Button size="small" onClick={run('POST', '/me/wechat/code')}>重新获取</Button>
        </Space>
      ) : (
        <Space direction="vertical">
          <span className="zj-muted">绑定本人微信后，可将推送先发给自己查看效果（测试消息不计入统计）。</span>
          <Button type="primary" ghost onClick={run('POST', '/me/wechat/code')} data-testid="wechat-get-code">获取绑定码</Button>
        </Space>
      )}
    </div>
  );
}
