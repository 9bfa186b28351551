import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatDate } from '../lib/format';
import { openLink } from '../platform/open-link';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      <Text className="field-value">{children}</Text>
    </View>
  );
}

export function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View>
      <Text className="section-title">{title}</Text>
      <View className="card">{children}</View>
    </View>
  );
}

export function Lines({ items, numbered = false }: { items: readonly string[]; numbered?: boolean }) {
  return (
    <>
      {items.map((line, i) => (
        <Text key={i} className="list-line">
          {numbered ? `${i + 1}. ` : '· '}
          {line}
        </Text>
      ))}
    </>
  );
}

/** Title, date and the provenance every detail page shows (sample data is said so plainly). */
export function DetailHeader({ item }: { item: { title: string; department: string; publishedAt: string; isSample: boolean; sourceNote: string | null } }) {
  return (
    <View className="card">
      <Text className="detail-title">{item.title}</Text>
      <Text className="muted">
        {item.department} · {formatDate(item.publishedAt)}发布
      </Text>
      {item.isSample ? <Text className="sample">{item.sourceNote?.startsWith('示例数据') ? item.sourceNote : `示例数据，仅供演示${item.sourceNote ? `：${item.sourceNote}` : ''}`}</Text> : null}
    </View>
  );
}

export function SourceLink({ url }: { url: string | null }) {
  if (!url) return null;
  return (
    <Text className="list-line link" onClick={() => openLink(url)}>
      查看原文
    </Text>
  );
}
