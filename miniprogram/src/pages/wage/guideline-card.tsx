import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { formatDate } from '../../lib/format';
import { routes } from '../../lib/routes';
import type { Guideline } from '../../lib/wage-guideline';
import './guideline-card.css';

const LINES = [
  { key: 'base', name: '基准线' },
  { key: 'upper', name: '上线（预警线）' },
  { key: 'lower', name: '下线' },
] as const;

const MEANING =
  '工资指导线是企业确定年度工资增幅的参考，不是强制标准：生产经营正常、有效益的企业参照基准线；效益增长较快的企业，增幅不宜超过上线；效益较差的企业参照下线，困难企业经与职工协商可低于下线，但支付给职工的工资不得低于当地最低工资标准。';

/** 工资指导线 of one district, by year (newest first): the three growth lines in percent, what they mean, and the document. */
export function GuidelineCard({ guidelines, districtName }: { guidelines: Guideline[]; districtName: string }) {
  const [year, setYear] = useState(guidelines[0]?.year);
  useEffect(() => setYear(guidelines[0]?.year), [guidelines]);
  const shown = guidelines.find((g) => g.year === year) ?? guidelines[0];
  if (!shown) return <Text className="muted">{districtName}暂未发布工资指导线</Text>;
  return (
    <View className="guideline">
      {guidelines.length > 1 ? (
        <View className="filters">
          {guidelines.map((g) => (
            <Text key={g.year} className={`chip chip-line chip-small ${g.year === shown.year ? 'chip-on' : ''}`} onClick={() => setYear(g.year)}>
              {g.year}年
            </Text>
          ))}
        </View>
      ) : null}
      <View className="wage-figures">
        {LINES.map((l) =>
          shown[l.key] === null ? null : (
            <View key={l.key} className={`wage-figure guideline-${l.key}`}>
              <Text className="wage-amount">{shown[l.key]}%</Text>
              <Text className="muted">{l.name}</Text>
            </View>
          ),
        )}
      </View>
      <Text className="muted guideline-source">
        {districtName} · {shown.year}年度 · {formatDate(shown.effectiveFrom)}起 · {shown.docNumber}
      </Text>
      <Text className="muted guideline-meaning">{MEANING}</Text>
      {shown.isSample ? <Text className="sample">示例数据，仅供演示</Text> : null}
      <Text className="list-line link" onClick={() => void Taro.navigateTo({ url: routes.detail('wage_standard', shown.standardId) })}>
        查看文件
      </Text>
    </View>
  );
}
