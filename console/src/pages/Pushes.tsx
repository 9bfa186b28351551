import { Result } from 'antd';

/** Placeholder until the pushes API (/admin/api/pushes) lands. */
export default function Pushes() {
  return (
    <div className="zj-panel">
      <Result status="info" title="推送管理即将上线" subTitle="模板消息与订阅消息的撰写、审核、定时发送和送达统计将随推送接口一同上线。" />
    </div>
  );
}
