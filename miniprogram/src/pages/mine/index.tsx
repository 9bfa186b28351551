import { Switch, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { useElderMode } from '../../lib/elder-mode';

/** Settings on this phone. Login, topic subscriptions and received pushes join here with the pushes API. */
export default function Mine() {
  const [elder, setElder] = useElderMode();
  return (
    <PageShell elder={elder}>
      <Text className="section-title">显示</Text>
      <View className="card field">
        <View className="field-value">
          <Text className="list-line">长辈模式</Text>
          <Text className="muted">字体更大，看得更清楚</Text>
        </View>
        <Switch className="elder-switch" checked={elder} color="#b91c1c" onChange={(e) => setElder(e.detail.value)} />
      </View>
      <Text className="section-title">政策订阅</Text>
      <View className="card">
        <Text className="list-line">登录后可订阅关心的政策主题，有新政策、新招聘时通过微信通知您。订阅功能即将开放。</Text>
      </View>
      <Text className="section-title">联系我们</Text>
      <View className="card">
        <Text className="list-line">人社服务热线：12333</Text>
      </View>
    </PageShell>
  );
}
