import { Text, View } from '@tarojs/components';
import type { Bar } from '../../lib/wage-history';
import { formatYuan } from '../../lib/format';
import './wage-chart.css';

/**
 * The monthly minimum wage at each standard, as columns drawn with plain views: the same code renders in
 * WeChat and in a browser, needs no canvas or chart library in the package, and its figures stay real
 * text (readable by screen readers, scaled by 长辈模式).
 */
export function WageChart({ bars }: { bars: readonly Bar[] }) {
  return (
    <View className="wage-chart" aria-label="月最低工资标准历次调整">
      <View className="wage-chart-plot">
        {bars.map((b) => (
          <View key={b.label} className="wage-chart-col">
            <Text className="wage-chart-value">{formatYuan(b.value)}</Text>
            <View className="wage-chart-bar" style={{ height: `${b.percent}%` }} />
          </View>
        ))}
      </View>
      <View className="wage-chart-axis">
        {bars.map((b) => (
          <View key={b.label} className="wage-chart-col">
            <Text className="wage-chart-label">{b.label}</Text>
            {b.risePercent !== null ? <Text className="wage-chart-rise">+{b.risePercent}%</Text> : null}
          </View>
        ))}
      </View>
      <Text className="muted">单位：元/月。柱高从0起按比例绘制。</Text>
    </View>
  );
}
