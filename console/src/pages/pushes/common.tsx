import { Alert, Table, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { EXCLUSION_REASON_NAMES, PUSH_ORIGIN_NAMES, PUSH_STATUS_NAMES, type KeywordPreview, type PushStatus, type PushView } from '@zj/shared';
import './pushes.css';

export const STATUS_COLORS: Record<PushStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  scheduled: 'blue',
  sending: 'orange',
  paused: 'gold',
  completed: 'success',
  cancelled: 'default',
};

export function PushStatusTag({ status }: { status: PushStatus }) {
  return <Tag color={STATUS_COLORS[status]} data-testid="push-status">{PUSH_STATUS_NAMES[status]}</Tag>;
}

/** Drafts the system made by itself (A2's automatic pushes) carry an origin. */
export function OriginTag({ push }: { push: Pick<PushView, 'origin'> }) {
  if (!push.origin) return null;
  return (
    <Tooltip title={`系统自动生成的草稿（${PUSH_ORIGIN_NAMES[push.origin] ?? push.origin}），须经审核员批准才会发送`}>
      <Tag color="purple" data-testid="push-origin">自动生成</Tag>
    </Tooltip>
  );
}

/** Keywords in the template's order (thing1, time2, …): stored as JSON, they come back in any order. */
export function keywordOrder(a: string, b: string): number {
  const n = (k: string) => Number(/(\d+)$/.exec(k)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return n(a) - n(b) || a.localeCompare(b);
}

export const reasonName = (reason: string): string => EXCLUSION_REASON_NAMES[reason] ?? (/^\d+$/.test(reason) ? `微信错误码 ${reason}` : reason);

/** Why a due push waits, as the console says it. */
export const WAITING_NAMES: Record<string, string> = {
  quiet_hours: '夜间免打扰时段（22:00–08:00），将在结束后发送',
  daily_quota: '已达微信当日发送上限，次日自动继续',
  minute_quota: '触及微信每分钟频率限制，稍后自动继续',
};

export interface Reference {
  code: string;
  name: string;
}

/** Topics, districts and audiences from the public reference endpoints (/api/v1), for the targeting form and labels. */
export function useReferences() {
  const [refs, setRefs] = useState<{ topics: Reference[]; districts: Reference[]; audiences: Reference[] }>({ topics: [], districts: [], audiences: [] });
  useEffect(() => {
    const load = (path: string) =>
      fetch(`/api/v1/${path}`, { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ items: Reference[] }>) : { items: [] }))
        .then((r) => r.items.map(({ code, name }) => ({ code, name })), () => []);
    void Promise.all([load('topics'), load('districts'), load('audiences')]).then(([topics, districts, audiences]) => setRefs({ topics, districts, audiences }));
  }, []);
  return refs;
}

export const namesOf = (codes: readonly string[], list: readonly Reference[]): string =>
  codes.length === 0 ? '不限' : codes.map((c) => list.find((r) => r.code === c)?.name ?? c).join('、');

/** Each keyword as WeChat will show it, with the values WeChat would refuse marked red. */
export function KeywordPreviewTable({ rows: unordered, testId }: { rows: KeywordPreview[]; testId: string }) {
  const rows = [...unordered].sort((a, b) => keywordOrder(a.key, b.key));
  const bad = rows.filter((r) => r.problem !== null);
  return (
    <>
      <Table<KeywordPreview>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        data-testid={testId}
        rowClassName={(r) => (r.problem ? 'zj-keyword-bad' : '')}
        columns={[
          { title: '关键词', dataIndex: 'key', width: 110, render: (k: string, r) => <span>{k}{r.type && <span className="zj-muted">（{r.type}）</span>}</span> },
          { title: '微信中显示', dataIndex: 'value', render: (v: string) => <span className="zj-keyword-value">{v}</span> },
          { title: '字数', dataIndex: 'length', width: 64 },
          {
            title: '检查',
            dataIndex: 'problem',
            width: 150,
            render: (p: string | null, r) => (p === null ? <Tag color="success">符合规则</Tag> : <Tooltip title={p}><Tag color="error">{r.tooLong ? '超长' : '不符合规则'}</Tag></Tooltip>),
          },
        ]}
      />
      {bad.length > 0 && (
        <Alert
          className="zj-preview-alert"
          type="error"
          showIcon
          message={`${bad.length} 个关键词不符合微信规则，提交审核前请修改：${bad.map((b) => `${b.key}（${b.tooLong ? '超长' : '格式不符'}）`).join('、')}`}
        />
      )}
    </>
  );
}
