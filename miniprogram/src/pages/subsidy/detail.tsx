import { Button, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Block, Field, Lines } from '../../components/detail-parts';
import { DetailPage } from '../../components/document-page';
import { formatDate } from '../../lib/format';
import { routes } from '../../lib/routes';

const CHANNEL_TYPES = { online: '网上办理', hall: '窗口办理', phone: '电话咨询' } as const;

export default function SubsidyDetail() {
  return (
    <DetailPage
      kind="subsidy"
      bodyTitle="详细说明"
      sections={(item) => {
        const d = item.details;
        const window = d.applicationWindow;
        return (
          <>
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
          </>
        );
      }}
    />
  );
}
