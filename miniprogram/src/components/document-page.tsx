import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ContentDetail, ContentKind } from '@zj/shared';
import type { ReactNode } from 'react';
import { Block, DetailHeader, Field, SourceLink } from './detail-parts';
import { PageShell } from './page-shell';
import { Loaded } from './states';
import { formatDate } from '../lib/format';
import { usePushOpen } from '../lib/push-open';
import { routes } from '../lib/routes';
import { useShareItem } from '../lib/share';
import { useResource } from '../lib/use-resource';
import { ApiError, api } from '../services/api';

/** What a policy or interpretation adds to the body: its links to the other, the Q&A. */
function Document({ item }: { item: ContentDetail }) {
  switch (item.kind) {
    case 'policy':
      return (
        <>
          <Block title="文件信息">
            <Field label="文号">{item.details.docNumber}</Field>
            <Field label="发文机关">{item.details.issuer}</Field>
            <Field label="发文日期">{formatDate(item.details.issuedOn)}</Field>
          </Block>
          {item.interpretations.length ? (
            <Block title="政策解读">
              {item.interpretations.map((ref) => (
                <Text key={ref.id} className="list-line link" onClick={() => void Taro.navigateTo({ url: routes.detail('interpretation', ref.id) })}>
                  {ref.title}
                </Text>
              ))}
            </Block>
          ) : null}
        </>
      );
    case 'interpretation':
      return (
        <>
          {item.policy ? (
            <Block title="解读的文件">
              <Text className="list-line link" onClick={() => void Taro.navigateTo({ url: routes.detail('policy', item.policy!.id) })}>
                {item.policy.title}（{item.policy.docNumber}）
              </Text>
            </Block>
          ) : null}
          {item.details.qa.length ? (
            <Block title="问答">
              {item.details.qa.map((qa, i) => (
                <View key={i} className="qa">
                  <Text className="qa-q">问：{qa.question}</Text>
                  <Text className="body-text">答：{qa.answer}</Text>
                </View>
              ))}
            </Block>
          ) : null}
        </>
      );
    default:
      return null;
  }
}

type DetailOf<K extends ContentKind> = Extract<ContentDetail, { kind: K }>;

async function loadDetail<K extends ContentKind>(kind: K, id: number): Promise<DetailOf<K>> {
  const item = await api.detail(kind, id);
  if (item.kind !== kind) throw new ApiError('not_found', '没有找到这条内容');
  return item as DetailOf<K>;
}

/**
 * Every detail page's frame: loads the item of `kind` named by the route's id, shares it, shows loading or
 * error-with-retry, then the header, the kind's own `sections`, and the body under `bodyTitle` with its source.
 */
export function DetailPage<K extends ContentKind>({ kind, bodyTitle, sections }: { kind: K; bodyTitle: string; sections: (item: DetailOf<K>) => ReactNode }) {
  const { params } = useRouter();
  const id = Number(params.id);
  const { state, reload } = useResource(() => loadDetail(kind, id), [kind, id]);
  useShareItem(kind, id, state);
  usePushOpen(params);
  return (
    <PageShell>
      <Loaded state={state} onRetry={() => void reload()}>
        {(item) => (
          <>
            <DetailHeader item={item} />
            {sections(item)}
            <Block title={bodyTitle}>
              <Text className="body-text">{item.body}</Text>
              <SourceLink url={item.sourceUrl} />
            </Block>
          </>
        )}
      </Loaded>
    </PageShell>
  );
}

/** The detail page of a kind whose body is the message (one small page file per kind, so every path the server links to is a real page). */
export function DocumentPage({ kind }: { kind: ContentKind }) {
  return <DetailPage kind={kind} bodyTitle="全文" sections={(item) => <Document item={item} />} />;
}
