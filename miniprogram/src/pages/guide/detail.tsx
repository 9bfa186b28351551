import { Text, View } from '@tarojs/components';
import { MATERIAL_FORM_NAMES } from '@zj/shared';
import { Block, Field, Lines } from '../../components/detail-parts';
import { DetailPage } from '../../components/document-page';
import { openLink } from '../../platform/open-link';
import { openMap } from '../../platform/open-map';

const CHANNEL_TYPES = { website: '网站', app: '手机App', wechat: '微信', phone: '电话' } as const;

/** A service guide: who can, what to bring, the steps, where and online, how long, what it costs, and the law. */
export default function GuideDetail() {
  return (
    <DetailPage
      kind="guide"
      bodyTitle="详细说明"
      sections={(item) => {
        const d = item.details;
        return (
          <>
            <Block title="办理概要">
              <Field label="所属主题">{item.themeName}</Field>
              {d.timeLimit.promised ? <Field label="承诺时限">{d.timeLimit.promised}</Field> : null}
              {d.timeLimit.statutory ? <Field label="法定时限">{d.timeLimit.statutory}</Field> : null}
              <Field label="收费标准">{d.fees}</Field>
            </Block>
            <Block title="办理条件">
              <Lines items={d.conditions} />
            </Block>
            <Block title="所需材料">
              {d.materials.map((m, i) => (
                <View key={i} className="material">
                  <Text className="list-line">
                    {i + 1}. {m.name}（{MATERIAL_FORM_NAMES[m.form]}
                    {m.count > 1 ? `${m.count}份` : ''}）
                  </Text>
                  {m.note ? <Text className="muted">{m.note}</Text> : null}
                </View>
              ))}
            </Block>
            <Block title="办理流程">
              <Lines items={d.steps} numbered />
            </Block>
            <Block title="办理地点">
              {d.locations.map((l, i) => (
                <View key={i} className="location">
                  <Text className="position-title">{l.name}</Text>
                  {l.window ? <Field label="窗口">{l.window}</Field> : null}
                  {l.address ? <Field label="地址">{l.address}</Field> : null}
                  {l.hours ? <Field label="办公时间">{l.hours}</Field> : null}
                  {l.phone ? <Field label="咨询电话">{l.phone}</Field> : null}
                  {l.mapQuery || l.address ? (
                    <Text className="list-line link map-link" onClick={() => openMap((l.address ?? l.mapQuery)!)}>
                      在地图中查看
                    </Text>
                  ) : null}
                </View>
              ))}
            </Block>
            {d.onlineChannels.length ? (
              <Block title="线上办理">
                {d.onlineChannels.map((c, i) => (
                  <Field key={i} label={CHANNEL_TYPES[c.type]}>
                    {c.url ? (
                      <Text className="link" onClick={() => openLink(c.url!)}>
                        {c.name}
                      </Text>
                    ) : (
                      c.name
                    )}
                    {c.note ? `（${c.note}）` : ''}
                  </Field>
                ))}
              </Block>
            ) : null}
            <Block title="办理依据">
              {d.legalBasis.map((b, i) => (
                <View key={i} className="qa">
                  <Text className="qa-q">
                    {b.law}
                    {b.article ?? ''}
                  </Text>
                  <Text className="muted">{b.provision}</Text>
                </View>
              ))}
            </Block>
          </>
        );
      }}
    />
  );
}
