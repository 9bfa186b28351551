import { App, Alert, Button, DatePicker, Descriptions, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { VersionDiffView } from '@zj/shared';
import { messageOf } from '../api';
import { ACTION_NAMES, formatTime, type AdminItem, type AdminVersion } from '../content';
import { mayOpen, useSession } from '../session';
import { Gates } from './ContentDetail';
import '../editorial.css';

const FIELD_NAMES: Record<string, string> = {
  title: '标题',
  summary: '摘要',
  topics: '主题',
  districts: '适用地区',
  audiences: '适用对象',
  department: '责任部门',
  policyBasis: '政策依据',
  sourceUrl: '来源链接',
  sourceNote: '来源说明',
  isSample: '示例数据',
  publishAt: '定时发布',
  unpublishAt: '定时下线',
};
const fieldName = (f: string) => FIELD_NAMES[f] ?? (f.startsWith('details.') ? `详细信息 · ${f.slice('details.'.length)}` : f);

/** Approved, published or archived items change publishing when restored or rescheduled: reviewers only. */
const REVIEWED = new Set(['approved', 'published', 'archived']);

/** The differences between two versions: changed fields side by side, the body line by line. */
export function VersionDiff({ diff }: { diff: VersionDiffView }) {
  const bodyChanged = diff.body.some((l) => l.op !== 'same');
  return (
    <div data-testid="version-diff">
      <div className="zj-panel-title">第 {diff.from} 版 → 第 {diff.to} 版</div>
      {diff.fields.length === 0 && !bodyChanged && <Alert type="info" showIcon title="两个版本的内容相同（仅状态或审核意见不同）" />}
      {diff.fields.length > 0 && (
        <Table
          rowKey="field"
          size="small"
          pagination={false}
          className="zj-filters"
          dataSource={diff.fields}
          columns={[
            { title: '字段', dataIndex: 'field', width: 160, render: fieldName },
            { title: `第 ${diff.from} 版`, dataIndex: 'before', render: (v: string) => <pre className="zj-diff-value zj-diff-removed">{v || '（空）'}</pre> },
            { title: `第 ${diff.to} 版`, dataIndex: 'after', render: (v: string) => <pre className="zj-diff-value zj-diff-added">{v || '（空）'}</pre> },
          ]}
        />
      )}
      {bodyChanged && (
        <>
          <div className="zj-muted">正文</div>
          <pre className="zj-diff" data-testid="body-diff">
            {diff.body.map((l, i) => (
              <div key={i} className={`zj-diff-line${l.op === 'same' ? '' : ` zj-diff-${l.op}`}`}>
                <span className="zj-diff-mark">{l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}</span>
                {l.text}
              </div>
            ))}
          </pre>
        </>
      )}
    </div>
  );
}

/** 版本历史: every change with its gates; pick two versions to compare, or restore an older one. */
export function VersionsPanel({ item, versions, onChanged }: { item: AdminItem; versions: AdminVersion[]; onChanged: () => void }) {
  const { session, api } = useSession();
  const { message, modal } = App.useApp();
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<VersionDiffView | null>(null);
  const mayRestore = !REVIEWED.has(item.status) || mayOpen(session, 'review');

  useEffect(() => {
    setDiff(null);
    setPicked([]);
  }, [item.version]);

  const compare = async (from: number, to: number) => {
    try {
      setDiff(await api.call<VersionDiffView>('GET', `/content/${item.id}/diff?from=${Math.min(from, to)}&to=${Math.max(from, to)}`));
    } catch (err) {
      message.error(messageOf(err));
    }
  };
  const restore = (v: AdminVersion) =>
    modal.confirm({
      title: `确定恢复为第 ${v.version} 版的内容吗？`,
      content: REVIEWED.has(item.status)
        ? '恢复后将生成新的草稿版本，该内容将撤下，须重新提交五关审核后才能再次发布。'
        : '恢复后将生成新的草稿版本，须重新提交审核。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.call('POST', `/content/${item.id}/versions/${v.version}/restore`, { expectedVersion: item.version });
          message.success(`已恢复为第 ${v.version} 版的内容`);
          onChanged();
        } catch (err) {
          message.error(messageOf(err));
        }
      },
    });

  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        版本历史
        <Space>
          <span className="zj-muted">勾选两个版本进行比较</span>
          <Button disabled={picked.length !== 2} onClick={() => compare(picked[0]!, picked[1]!)} data-testid="compare-versions">比较所选版本</Button>
        </Space>
      </div>
      <Table<AdminVersion>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={[...versions].reverse()}
        data-testid="version-history"
        rowSelection={{
          selectedRowKeys: picked,
          onChange: (keys) => setPicked((keys as number[]).slice(-2)),
          hideSelectAll: true,
        }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 60 },
          { title: '操作', dataIndex: 'action', width: 110, render: (a: string) => ACTION_NAMES[a] ?? a },
          { title: '操作人', dataIndex: 'actor', width: 130, render: (a: string) => (a === 'system:scheduler' ? <Tag>系统定时</Tag> : a) },
          { title: '时间', dataIndex: 'createdAt', width: 170, render: formatTime },
          { title: '意见与五关', render: (_v, v) => (<Space direction="vertical" size={2}>{v.note && <span>{v.note}</span>}<Gates gates={v.gates} /></Space>) },
          {
            title: '',
            width: 150,
            render: (_v, v) =>
              v.version === item.version ? (
                <span className="zj-muted">当前版本</span>
              ) : (
                <Space>
                  <a onClick={() => compare(v.version, item.version)}>与当前比较</a>
                  {mayRestore && <a onClick={() => restore(v)}>恢复</a>}
                </Space>
              ),
          },
        ]}
      />
      {diff && <div className="zj-form-actions"><VersionDiff diff={diff} /></div>}
    </div>
  );
}

/** 定时发布与下线: set with the item; once approved, only reviewers change it. */
export function SchedulePanel({ item, onChanged }: { item: AdminItem; onChanged: () => void }) {
  const { session, api } = useSession();
  const { message } = App.useApp();
  const [publishAt, setPublishAt] = useState<Dayjs | null>(item.publishAt ? dayjs(item.publishAt) : null);
  const [unpublishAt, setUnpublishAt] = useState<Dayjs | null>(item.unpublishAt ? dayjs(item.unpublishAt) : null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setPublishAt(item.publishAt ? dayjs(item.publishAt) : null);
    setUnpublishAt(item.unpublishAt ? dayjs(item.unpublishAt) : null);
  }, [item.publishAt, item.unpublishAt]);

  const editable = !REVIEWED.has(item.status) || mayOpen(session, 'review');
  const publishable = item.status !== 'published' && item.status !== 'archived';
  const save = async () => {
    setSaving(true);
    try {
      await api.call('PUT', `/content/${item.id}/schedule`, {
        expectedVersion: item.version,
        publishAt: publishable && publishAt ? publishAt.toISOString() : null,
        unpublishAt: unpublishAt ? unpublishAt.toISOString() : null,
      });
      message.success('定时设置已保存');
      onChanged();
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setSaving(false);
    }
  };
  const past = (d: Dayjs) => d.isBefore(dayjs().startOf('day'));

  return (
    <div className="zj-panel" data-testid="schedule-panel">
      <div className="zj-panel-title">定时发布与下线</div>
      <Descriptions size="small" column={2} className="zj-filters">
        <Descriptions.Item label="定时发布">{item.publishAt ? formatTime(item.publishAt) : '未设置'}</Descriptions.Item>
        <Descriptions.Item label="定时下线">{item.unpublishAt ? formatTime(item.unpublishAt) : '未设置'}</Descriptions.Item>
      </Descriptions>
      {editable ? (
        <Space wrap>
          {publishable && <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="发布时间" value={publishAt} onChange={setPublishAt} disabledDate={past} data-testid="publish-at" />}
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="下线时间" value={unpublishAt} onChange={setUnpublishAt} disabledDate={past} data-testid="unpublish-at" />
          <Button type="primary" loading={saving} onClick={save}>保存定时</Button>
          <span className="zj-muted">审核通过后到发布时间自动发布；到下线时间自动归档。</span>
        </Space>
      ) : (
        <span className="zj-muted">内容已审核通过，定时设置须由审核员修改。</span>
      )}
    </div>
  );
}
