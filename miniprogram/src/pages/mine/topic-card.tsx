import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AUDIENCES, DISTRICTS } from '@zj/shared';
import { useState } from 'react';
import { narrowingText, subscribeTopic, toggleAudience, toggleDistrict, type Narrowing, type Topic } from '../../lib/account';
import { flag } from '../../lib/flag';
import { errorMessage } from '../../lib/use-resource';
import { userApi } from '../../services/api';
import { withSession } from '../../services/session';

const ALL: Narrowing = { districts: [], audiences: [] };

/** Which districts and audiences of a topic to hear about; none chosen = all. */
function NarrowingEditor({ value, onChange }: { value: Narrowing; onChange: (n: Narrowing) => void }) {
  return (
    <View className="narrowing">
      <Text className="muted">只接收这些地区的消息（不选为全市）</Text>
      <View className="filters">
        {DISTRICTS.map((d) => (
          <Text key={d.code} className={`chip chip-line chip-small ${value.districts.includes(d.code) ? 'chip-on' : ''}`} onClick={() => onChange({ ...value, districts: toggleDistrict(value.districts, d.code) })}>
            {d.name}
          </Text>
        ))}
      </View>
      <Text className="muted">只接收面向这些身份的消息（不选为所有身份）</Text>
      <View className="filters">
        {AUDIENCES.map((a) => (
          <Text key={a.code} className={`chip chip-line chip-small ${value.audiences.includes(a.code) ? 'chip-on' : ''}`} onClick={() => onChange({ ...value, audiences: toggleAudience(value.audiences, a.code) })}>
            {a.name}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** One topic: subscribe (after the subscribe-message request), change its range, or unsubscribe. */
export function TopicCard({ topic, onChanged }: { topic: Topic; onChanged: () => Promise<void> }) {
  const subscription = topic.subscription ?? null;
  const [editing, setEditing] = useState(false);
  const [range, setRange] = useState<Narrowing>(subscription ? { districts: subscription.districts, audiences: subscription.audiences } : ALL);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setProblem(null);
    try {
      const note = await action();
      await onChanged();
      setEditing(false);
      if (note) void Taro.showToast({ title: note, icon: 'none', duration: 2500 });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  // Called straight from the tap: WeChat shows the subscribe request only then.
  const subscribe = () =>
    void run(async () => {
      const { accepted } = await subscribeTopic(topic, range);
      return accepted ? '订阅成功，有新消息时会通知您' : '已订阅；您未允许微信通知，可在「收到的通知」中查看';
    });
  const saveRange = () =>
    void run(async () => {
      await withSession((token) => userApi.subscribe(token, topic.code, range));
      return '范围已更新';
    });
  const unsubscribe = () =>
    void run(async () => {
      await withSession((token) => userApi.unsubscribe(token, topic.code));
      setRange(ALL);
      return '已取消订阅';
    });

  return (
    <View className={`card topic topic-${topic.code}`}>
      <View className="item-title-row">
        <Text className="item-title">{topic.name}</Text>
        {subscription ? <Text className="tag tag-open">已订阅</Text> : null}
      </View>
      {topic.description ? <Text className="item-summary">{topic.description}</Text> : null}
      {subscription && !editing ? <Text className="muted topic-range">接收范围：{narrowingText(subscription)}</Text> : null}
      {editing ? <NarrowingEditor value={range} onChange={setRange} /> : null}
      {problem ? <Text className="state-message">{problem}</Text> : null}
      <View className="topic-actions">
        {!subscription ? (
          <>
            <Button className="btn topic-subscribe" size="mini" loading={flag(busy)} disabled={flag(busy)} onClick={subscribe}>
              订阅
            </Button>
            {!editing ? (
              <Button className="btn btn-plain" size="mini" disabled={flag(busy)} onClick={() => setEditing(true)}>
                选择范围
              </Button>
            ) : null}
          </>
        ) : editing ? (
          <>
            <Button className="btn topic-save-range" size="mini" loading={flag(busy)} disabled={flag(busy)} onClick={saveRange}>
              保存范围
            </Button>
            <Button className="btn btn-plain" size="mini" disabled={flag(busy)} onClick={() => setEditing(false)}>
              取消
            </Button>
          </>
        ) : (
          <>
            <Button className="btn btn-plain topic-edit" size="mini" disabled={flag(busy)} onClick={() => setEditing(true)}>
              修改范围
            </Button>
            <Button className="btn btn-plain topic-unsubscribe" size="mini" loading={flag(busy)} disabled={flag(busy)} onClick={unsubscribe}>
              取消订阅
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
