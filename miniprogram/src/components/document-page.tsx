import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ContentDetail, ContentKind } from '@zj/shared';
import { Block, DetailHeader, Field, SourceLink } from './detail-parts';
import { PageShell } from './page-shell';
import { Loaded } from './states';
import { formatDate } from '../lib/format';
import { routes } from '../lib/routes';
import { useShareItem } from '../lib/share';
import { useResource } from '../lib/use-resource';
import { api } from '../services/api';

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

/**
 * The detail page of a kind whose body is the message: one component, one small page file per kind
 * (pages/<kind>/detail), so every path the server links to is a real page.
 */
export function DocumentPage({ kind }: { kind: ContentKind }) {
  const id = Number(useRouter().params.id);
  const { state, reload } = useResource(() => api.detail(kind, id), [kind, id]);
  useShareItem(kind, id, state);
  return (
    <PageShell>
      <Loaded state={state} onRetry={() => void reload()}>
        {(item) => (
          <>
            <DetailHeader item={item} />
            <Document item={item} />
            <Block title="全文">
              <Text className="body-text">{item.body}</Text>
              <SourceLink url={item.sourceUrl} />
            </Block>
          </>
        )}
      </Loaded>
    </PageShell>
  );
}
