import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { ItemCard } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { Empty, Loaded } from '../../components/states';
import { WageCard } from '../../components/wage-card';
import { readDistrict } from '../../lib/district';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { api } from '../../services/api';
import './index.css';

const SHORTCUTS = [
  { name: '补贴申领', mark: '补', url: routes.subsidies() },
  { name: '最低工资', mark: '薪', url: routes.wage() },
  { name: '招聘考试', mark: '招', url: routes.recruitments() },
  { name: '政策解读', mark: '策', url: routes.policies() },
  { name: '办事指南', mark: '办', url: routes.guides() },
  { name: '我的', mark: '我', url: routes.mine() },
];

function Section({ title, more, children }: { title: string; more?: string; children: React.ReactNode }) {
  return (
    <View>
      <View className="section-head">
        <Text className="section-title">{title}</Text>
        {more ? (
          <Text className="section-more" onClick={() => void Taro.navigateTo({ url: more })}>
            查看全部
          </Text>
        ) : null}
      </View>
      {children}
    </View>
  );
}

export default function Home() {
  const [q, setQ] = useState('');
  const wage = useResource(() => api.currentWage(readDistrict()), []);
  const recruiting = useResource(() => api.recruitments({ limit: 3 }, { status: 'open' }), []);
  const notices = useResource(() => api.list('notice', { limit: 3 }), []);

  usePullDownRefresh(() => {
    void Promise.all([wage.reload(), recruiting.reload(), notices.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const search = () => {
    if (q.trim()) void Taro.navigateTo({ url: routes.search(q.trim()) });
  };

  return (
    <PageShell>
      <View className="home-header">
        <Text className="home-title">镇江智慧人社</Text>
        <Text className="muted">就业创业、社会保障、人事人才政策一站查询</Text>
      </View>
      <View className="search-bar">
        <Input
          className="search-input"
          value={q}
          placeholder="搜索政策、补贴、招聘，如“创业”"
          confirmType="search"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={search}
        />
        <Button className="btn search-go" size="mini" onClick={search}>
          搜索
        </Button>
      </View>

      <View className="shortcuts">
        {SHORTCUTS.map((s) => (
          <View key={s.name} className="shortcut" onClick={() => void Taro.navigateTo({ url: s.url })}>
            <Text className="shortcut-icon">{s.mark}</Text>
            <Text className="shortcut-name">{s.name}</Text>
          </View>
        ))}
      </View>

      <Section title="现行最低工资标准" more={routes.wage()}>
        <View className="card">
          <Loaded state={wage.state} onRetry={() => void wage.reload()}>
            {(data) => <WageCard wage={data} />}
          </Loaded>
        </View>
      </Section>

      <Section title="正在报名" more={routes.recruitments()}>
        <Loaded state={recruiting.state} onRetry={() => void recruiting.reload()}>
          {(page) => (page.items.length ? page.items.map((item) => <ItemCard key={item.id} item={item} />) : <Empty text="目前没有正在报名的招聘考试" />)}
        </Loaded>
      </Section>

      <Section title="最新通知公告">
        <Loaded state={notices.state} onRetry={() => void notices.reload()}>
          {(page) => (page.items.length ? page.items.map((item) => <ItemCard key={item.id} item={item} />) : <Empty text="暂无通知公告" />)}
        </Loaded>
      </Section>
    </PageShell>
  );
}
