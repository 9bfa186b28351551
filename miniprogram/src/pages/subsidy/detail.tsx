import { Button, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Block, DetailHeader, Field, Lines, SourceLink } from '../../components/detail-parts';
import { PageShell } from '../../components/page-shell';
import { Loaded } from '../../components/states';
import { formatDate } from '../../lib/format';
import { routes } from '../../lib/routes';
import { useShareItem } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { ApiError, api } from '../../services/api';

const CHANNEL_TYPES = { online: '网上办理', hall: '窗口办理', phone: '电话咨询' } as const;

async function loadSubsidy(id: number) {
  const item = await api.detail('subsidy', id);
  if (item.kind !== 'subsidy') throw new ApiError('not_found', '没有找到这项补贴');
  return item;
}

export default function SubsidyDetail() {
  const id = Number(useRouter().params.id);
  const { state, reload } = useResource(() => loadSubsidy(id), [id]);
  useShareItem('subsidy', id, state);
  return (
    <PageShell>
      <Loaded state={state} onRetry={() => void reload()}>
        {(item) => {
          const d = item.details;
          const window = d.applicationWindow;
          return (
            <>
              <DetailHeader item={item} />
              <Block title="补贴标准">
                <Text className="body-text">{d.amount}</Text>
                <Field label="申请时间">
                  {window.opensOn || window.closesOn
                    ? `${window.opensOn ? formatDate(window.opensOn) : ''}至${window.closesOn ? formatDate(window.closesOn) : '长期'}`
                    : window.note || '常年受理'}
                </Field>
                {item.policyBasis ? <Field label="政策依据">{item.policyBasis}</Field> : null}
              </Block>
              {item.questions.length ? (
                <Button className="btn self-check" onClick={() => void Taro.navigateTo({ url: routes.subsidyCheck(item.id) })}>
                  资格自测：看看我能不能申请
                </Button>
              ) : null}
              <Block title="申领条件">
                <Lines items={d.conditions} />
              </Block>
              <Block title="所需材料">
                <Lines items={d.materials} numbered />
              </Block>
              <Block title="办理流程">
                <Lines items={d.steps} numbered />
              </Block>
              <Block title="办理渠道">
                {d.channels.map((c, i) => (
                  <Field key={i} label={CHANNEL_TYPES[c.type]}>
                    {[c.name, c.address, c.url].filter(Boolean).join('，')}
                  </Field>
                ))}
              </Block>
              {d.payoutBatches.length ? (
                <Block title="发放公示">
                  {d.payoutBatches.map((b, i) => (
                    <Field key={i} label={formatDate(b.paidOn)}>
                      {`${b.recipients}人，共${b.totalYuan}元${b.note ? `（${b.note}）` : ''}`}
                    </Field>
                  ))}
                </Block>
              ) : null}
              <Block title="详细说明">
                <Text className="body-text">{item.body}</Text>
                <SourceLink url={item.sourceUrl} />
              </Block>
            </>
          );
        }}
      </Loaded>
    </PageShell>
  );
}
