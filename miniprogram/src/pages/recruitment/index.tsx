import { Text, View } from '@tarojs/components';
import { RECRUITMENT_STATUS_NAMES, RECRUITMENT_STATUSES, type RecruitmentStatus } from '@zj/shared';
import { useState } from 'react';
import { ItemList } from '../../components/item-list';
import { PageShell } from '../../components/page-shell';
import { usePagedList } from '../../lib/use-paged-list';
import { api } from '../../services/api';

const FILTERS: readonly (RecruitmentStatus | 'all')[] = ['all', ...RECRUITMENT_STATUSES];

export default function RecruitmentList() {
  const [status, setStatus] = useState<RecruitmentStatus | 'all'>('all');
  const list = usePagedList((cursor) => api.recruitments({ cursor }, status === 'all' ? {} : { status }), status);
  return (
    <PageShell>
      <View className="filters">
        {FILTERS.map((s) => (
          <Text key={s} className={`chip ${s === status ? 'chip-on' : ''}`} onClick={() => setStatus(s)}>
            {s === 'all' ? '全部' : RECRUITMENT_STATUS_NAMES[s]}
          </Text>
        ))}
      </View>
      <ItemList list={list} empty={status === 'all' ? '暂无招聘考试公告' : `暂无${RECRUITMENT_STATUS_NAMES[status]}的公告`} />
    </PageShell>
  );
}
