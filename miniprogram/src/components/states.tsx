import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Resource } from '../lib/use-resource';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state state-loading">
      <Text className="muted">{text}</Text>
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View className="state state-empty">
      <Text className="muted">{text}</Text>
    </View>
  );
}

export function Failed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="state state-error">
      <Text className="state-message">{message}</Text>
      <Button className="btn" size="mini" onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

/** Loading, error-with-retry, or the content of a single loaded resource. */
export function Loaded<T>({ state, onRetry, children }: { state: Resource<T>; onRetry: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <Failed message={state.message} onRetry={onRetry} />;
  return <>{children(state.data)}</>;
}
