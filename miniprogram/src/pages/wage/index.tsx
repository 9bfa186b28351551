import { Picker, Text, View } from '@tarojs/components';
import type { District } from '@zj/shared';
import { useState } from 'react';
import { ItemList } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { Loaded } from '../../components/states';
import { WageCard } from '../../components/wage-card';
import { districtAt, districtIndex, districtNames, readDistrict, writeDistrict } from '../../lib/district';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';
import { guidelinesFor } from '../../lib/wage-guideline';
import { monthlyBars, wageHistory } from '../../lib/wage-history';
import { api } from '../../services/api';
import { GuidelineCard } from './guideline-card';
import { WageChart } from './wage-chart';

/** The chart's data: the latest standards' details (a list row has no amounts), for one district. */
async function loadHistory(district: District) {
  const page = await api.wageStandards({ limit: 8 }, { district });
  const details = await Promise.all(page.items.map((i) => api.detail('wage_standard', i.id)));
  return monthlyBars(wageHistory(details.flatMap((d) => (d.kind === 'wage_standard' ? [d] : [])), district));
}

/** The wage guidelines of a district, newest year first (a list row has no figures: up to 5 years' details). */
async function loadGuidelines(district: District) {
  const page = await api.wageStandards({ limit: 5 }, { district, standardType: 'wage_guideline' });
  const details = await Promise.all(page.items.map((i) => api.detail('wage_standard', i.id)));
  return guidelinesFor(details.flatMap((d) => (d.kind === 'wage_standard' ? [d] : [])), district);
}

/** The minimum wage and the wage guideline for the chosen district, the history chart, then every standard so far (newest first). */
export default function Wage() {
  const [district, setDistrict] = useState(readDistrict);
  const current = useResource(() => api.currentWage(district), [district]);
  const chart = useResource(() => loadHistory(district), [district]);
  const guideline = useResource(() => loadGuidelines(district), [district]);
  const history = usePagedList((cursor) => api.wageStandards({ cursor }), 'history');
  return (
    <PageShell>
      <Picker
        mode="selector"
        range={districtNames}
        value={districtIndex(district)}
        onChange={(e) => {
          const next = districtAt(Number(e.detail.value));
          writeDistrict(next);
          setDistrict(next);
        }}
      >
        <View className="card field">
          <Text className="field-label">所在地区</Text>
          <Text className="field-value link">{districtNames[districtIndex(district)]} ▾</Text>
        </View>
      </Picker>
      <Text className="section-title">现行最低工资标准</Text>
      <View className="card">
        <Loaded state={current.state} onRetry={() => void current.reload()}>
          {(wage) => <WageCard wage={wage} />}
        </Loaded>
      </View>
      <Text className="section-title">工资指导线</Text>
      <View className="card">
        <Loaded state={guideline.state} onRetry={() => void guideline.reload()}>
          {(guidelines) => <GuidelineCard guidelines={guidelines} districtName={districtNames[districtIndex(district)]!} />}
        </Loaded>
      </View>
      <Text className="section-title">月最低工资标准变化</Text>
      <View className="card">
        <Loaded state={chart.state} onRetry={() => void chart.reload()}>
          {(bars) => (bars.length ? <WageChart bars={bars} /> : <Text className="muted">暂无该地区的历史标准</Text>)}
        </Loaded>
      </View>
      <Text className="section-title">历次调整</Text>
      <ItemList list={history} empty="暂无历史标准" />
    </PageShell>
  );
}
