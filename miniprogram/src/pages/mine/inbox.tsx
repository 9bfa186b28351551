import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReceivedPush } from '@zj/shared';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';

/** The pushes received, newest first; opening one goes to its page, which records the open. */
export function Inbox({ pushes }: { pushes: ReceivedPush[] }) {
  if (pushes.length === 0) return <Empty text="还没有收到通知。订阅主题后，有新消息会通过微信通知您，也会列在这里。" />;
  return (
    <View className="inbox">
      {pushes.map((p) => (
        <View key={p.page} className={`card inbox-item ${p.opened ? 'inbox-opened' : 'inbox-new'}`} onClick={() => void Taro.navigateTo({ url: `/${p.page}` })}>
          <View className="item-title-row">
            <Text className="item-title">{p.title}</Text>
            {p.opened ? null : <Text className="tag tag-upcoming">未读</Text>}
          </View>
          <Text className="muted">{formatDateTime(p.sentAt)}</Text>
        </View>
      ))}
    </View>
  );
}
