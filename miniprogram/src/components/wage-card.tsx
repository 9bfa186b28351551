import { Text, View } from '@tarojs/components';
import type { CurrentWage } from '@zj/shared';
import { formatDate, formatYuan } from '../lib/format';

/** The minimum wage in force: monthly and hourly, with the document it rests on. */
export function WageCard({ wage }: { wage: CurrentWage }) {
  const monthly = wage.rates.find((r) => r.type === 'monthly_min');
  const hourly = wage.rates.find((r) => r.type === 'hourly_min');
  if (!monthly && !hourly) return <Text className="muted">{wage.districtName}暂无现行最低工资标准</Text>;
  const source = monthly ?? hourly;
  return (
    <View className="wage-card">
      <View className="wage-figures">
        {monthly ? (
          <View className="wage-figure">
            <Text className="wage-amount">{formatYuan(monthly.amount)}</Text>
            <Text className="muted">元/月</Text>
          </View>
        ) : null}
        {hourly ? (
          <View className="wage-figure">
            <Text className="wage-amount">{formatYuan(hourly.amount)}</Text>
            <Text className="muted">元/小时（非全日制）</Text>
          </View>
        ) : null}
      </View>
      {source ? (
        <Text className="muted">
          {wage.districtName} · {formatDate(source.effectiveFrom)}起执行 · {source.docNumber}
        </Text>
      ) : null}
      {source?.isSample ? <Text className="sample">示例数据，仅供演示</Text> : null}
    </View>
  );
}
