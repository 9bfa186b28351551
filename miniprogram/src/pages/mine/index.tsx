import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { PageShell } from '../../components/page-shell';
import { Loaded } from '../../components/states';
import { creditText, loadAccount } from '../../lib/account';
import { flag } from '../../lib/flag';
import { useElderMode } from '../../lib/elder-mode';
import { errorMessage, useResource } from '../../lib/use-resource';
import { hasSession, logIn, logOut } from '../../services/session';
import { Inbox } from './inbox';
import { ProfileForm } from './profile-form';
import { TopicCard } from './topic-card';
import './index.css';

/** Before the first login: what logging in gives, and the button. */
function LoginCard({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const login = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await logIn();
      onLoggedIn();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card login-card">
      <Text className="list-line">登录后可设置所在地区和身份，订阅关心的政策主题；有新政策、新招聘时通过微信通知您。</Text>
      {problem ? <Text className="state-message login-problem">{problem}</Text> : null}
      <Button className="btn login-button" loading={flag(busy)} disabled={flag(busy)} onClick={() => void login()}>
        微信登录
      </Button>
    </View>
  );
}

/** The signed-in part: profile, topics, remaining notifications, pushes received. Reloaded whenever the page shows again. */
function AccountSections({ onLoggedOut }: { onLoggedOut: () => void }) {
  const { state, reload } = useResource(loadAccount, []);
  const shown = useRef(false);
  useDidShow(() => {
    // Back from a push's page: its open now shows; the first show is the initial load itself.
    if (shown.current) void reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Loaded state={state} onRetry={() => void reload()}>
      {(account) => (
        <>
          <Text className="section-title">我的资料</Text>
          <ProfileForm profile={account.profile} onSaved={() => void reload()} />
          <Text className="section-title">政策订阅</Text>
          {account.topics.map((topic) => (
            <TopicCard key={topic.code} topic={topic} onChanged={reload} />
          ))}
          <Text className="section-title">可接收的提醒</Text>
          <View className="card credits">
            {account.credits.length === 0 ? <Text className="muted">暂无可订阅的消息模板</Text> : null}
            {account.credits.map((c) => (
              <View key={c.templateId} className="credit">
                <Text className="credit-title">{c.title}</Text>
                <Text className={`credit-state ${c.sendable ? '' : 'credit-off'}`}>{creditText(c)}</Text>
              </View>
            ))}
            <Text className="muted">微信规定：每次点「允许」，可接收一次该类提醒。</Text>
          </View>
          <Text className="section-title">收到的通知</Text>
          <Inbox pushes={account.pushes} />
          <Text
            className="muted link logout"
            onClick={() => {
              logOut();
              onLoggedOut();
            }}
          >
            退出登录
          </Text>
        </>
      )}
    </Loaded>
  );
}

/** 我的: login, profile, subscriptions, notifications, and this phone's settings. */
export default function Mine() {
  const [elder, setElder] = useElderMode();
  const [loggedIn, setLoggedIn] = useState(hasSession);
  return (
    <PageShell elder={elder}>
      {loggedIn ? <AccountSections onLoggedOut={() => setLoggedIn(false)} /> : <LoginCard onLoggedIn={() => setLoggedIn(true)} />}
      <Text className="section-title">显示</Text>
      <View className="card field">
        <View className="field-value">
          <Text className="list-line">长辈模式</Text>
          <Text className="muted">字体更大，看得更清楚</Text>
        </View>
        <Switch className="elder-switch" checked={elder} color="#b91c1c" onChange={(e) => setElder(e.detail.value)} />
      </View>
      <Text className="section-title">联系我们</Text>
      <View className="card">
        <Text className="list-line">人社服务热线：12333</Text>
      </View>
    </PageShell>
  );
}
