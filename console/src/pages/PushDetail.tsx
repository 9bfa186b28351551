import { ExclamationCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Descriptions, Form, Input, Modal, Progress, Radio, Row, Spin, Statistic, Table, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  PUSH_CHANNEL_NAMES,
  PUSH_ORIGIN_NAMES,
  PUSH_STATUS_NAMES,
  PushDetail as PushDetailSchema,
  PushPreview,
  PushProgress,
  PushTimeline,
  TestSendResult,
  type PushDetail as PushDetailData,
  type PushStatus,
  type PushTransition,
} from '@zj/shared';
import { messageOf } from '../api';
import { Chart, type ChartOption } from '../charts';
import { formatTime } from '../content';
import { useApi, useSession } from '../session';
import { KeywordPreviewTable, namesOf, OriginTag, PushStatusTag, reasonName, useReferences, WAITING_NAMES } from './pushes/common';
import { WechatLinkCard } from './pushes/WechatLink';

const POLL_MS = 2_000;
/** Statuses in which the progress can still move. */
const LIVE: readonly PushStatus[] = ['scheduled', 'sending', 'paused'];
const SENT_SOME: readonly PushStatus[] = ['sending', 'paused', 'completed', 'cancelled'];

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} 分 ${seconds % 60} 秒`;
  return `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

/** The live progress bar: polled every 2 s while the push can still move, without reloading the page. */
function ProgressPanel({ id, status, onStatus }: { id: number; status: PushStatus; onStatus: (s: PushStatus) => void }) {
  const api = useApi();
  const [p, setP] = useState<PushProgress | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = PushProgress.parse(await api.call<unknown>('GET', `/pushes/${id}/progress`));
        if (stop) return;
        setP(next);
        if (next.status !== status) onStatus(next.status);
        if (!LIVE.includes(next.status)) return;
      } catch {
        // A failed poll is tried again at the next tick.
      }
      if (!stop) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [api, id, status, onStatus]);

  if (!p) return <Spin />;
  const percent = p.targeted === 0 ? (p.status === 'completed' ? 100 : 0) : Math.floor((p.done / p.targeted) * 1000) / 10;
  const state = p.status === 'completed' ? 'success' : p.status === 'cancelled' ? 'exception' : p.status === 'sending' ? 'active' : 'normal';
  return (
    <div data-testid="push-progress">
      <Progress percent={percent} status={state} format={(v) => `${v ?? 0}%`} data-testid="push-progress-bar" />
      <div className="zj-progress-figures">
        <Statistic title="已处理 / 目标" value={`${p.done} / ${p.targeted}`} />
        <Statistic title="当前速率" value={p.ratePerMinute} suffix="条/分钟" />
        <Statistic title="预计剩余时间" value={p.status === 'completed' ? '已完成' : p.etaSeconds === null ? '—' : duration(p.etaSeconds)} />
      </div>
      {!p.audienceExpanded && p.status === 'sending' && <Alert className="zj-preview-alert" type="info" showIcon message="正在生成收件人名单，目标人数还会增加" />}
      {p.waitingFor && LIVE.includes(p.status) && (
        <Alert className="zj-preview-alert" type="warning" showIcon message={`${WAITING_NAMES[p.waitingFor] ?? p.waitingFor}${p.notBefore ? `（预计 ${formatTime(p.notBefore)}）` : ''}`} />
      )}
    </div>
  );
}

/** Statistics after (or while) sending: figures, deliveries over time, skipped and failed by reason, by channel. */
function StatsPanel({ detail, version }: { detail: PushDetailData; version: string }) {
  const api = useApi();
  const { stats } = detail;
  const [timeline, setTimeline] = useState<PushTimeline | null>(null);
  useEffect(() => {
    api.call<unknown>('GET', `/pushes/${detail.push.id}/timeline?bucket=minute`).then((r) => setTimeline(PushTimeline.parse(r)), () => setTimeline(null));
  }, [api, detail.push.id, version]);
  const failedTotal = Object.values(stats.failed).reduce((a, b) => a + b, 0);
  const skippedTotal = Object.values(stats.skipped).reduce((a, b) => a + b, 0);

  const overTime = useMemo<ChartOption>(() => {
    const points = timeline?.points ?? [];
    const days = points.length > 0 && Date.parse(points.at(-1)!.at) - Date.parse(points[0]!.at) >= 86_400_000;
    // Beijing time whatever the browser's zone, as everywhere in the console.
    const label = (at: string) =>
      new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit', ...(days && { month: '2-digit', day: '2-digit' }) });
    const failedKeys = [...new Set(points.flatMap((p) => Object.keys(p.failed)))];
    return {
      title: { text: '每分钟发送情况', left: 0, textStyle: { fontSize: 14 } },
      legend: { top: 0, right: 0 },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => label(p.at)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '已发送', type: 'bar', barMaxWidth: 48, data: points.map((p) => p.sent) },
        { name: '已送达', type: 'bar', barMaxWidth: 48, data: points.map((p) => p.delivered) },
        ...failedKeys.map((k) => ({ name: `失败：${reasonName(k)}`, type: 'bar', barMaxWidth: 48, stack: 'failed', data: points.map((p) => p.failed[k] ?? 0) })),
        { name: '跳过', type: 'line', data: points.map((p) => p.skipped) },
      ],
    };
  }, [timeline]);

  const reasons = useMemo<ChartOption>(() => {
    const rows = [...Object.entries(stats.skipped).map(([k, n]) => ({ name: `跳过：${reasonName(k)}`, n })), ...Object.entries(stats.failed).map(([k, n]) => ({ name: `失败：${reasonName(k)}`, n }))];
    return {
      title: { text: '未送达原因', left: 0, textStyle: { fontSize: 14 } },
      grid: { left: 160, right: 24, top: 40, bottom: 24 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: [{ type: 'bar', barMaxWidth: 28, data: rows.map((r) => r.n), itemStyle: { color: '#faad14' } }],
    };
  }, [stats]);

  const byChannel = useMemo<ChartOption>(
    () => ({
      title: { text: '按渠道', left: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '65%'],
          label: { formatter: '{c} 人' },
          data: Object.entries(stats.byChannel)
            .filter(([, n]) => n > 0)
            .map(([c, n]) => ({ name: PUSH_CHANNEL_NAMES[c as 'oa' | 'mp'] ?? c, value: n })),
        },
      ],
    }),
    [stats],
  );

  return (
    <div data-testid="push-stats">
      <Row gutter={16} className="zj-stat-row">
        <Col span={3}><Statistic title="目标人数" value={stats.targeted} /></Col>
        <Col span={3}><Statistic title="已发送" value={stats.sent} /></Col>
        <Col span={3}><Statistic title="已送达" value={stats.delivered} /></Col>
        <Col span={3}><Statistic title="失败" value={failedTotal} /></Col>
        <Col span={3}><Statistic title="跳过" value={skippedTotal} /></Col>
        <Col span={3}><Statistic title="结果未知" value={stats.unknown} /></Col>
        <Col span={3}><Statistic title="到达率" value={(stats.reachRate * 100).toFixed(1)} suffix="%" /></Col>
        <Col span={3}><Statistic title="打开次数" value={stats.opens} /></Col>
      </Row>
      <Chart option={overTime} testId="chart-over-time" />
      <Row gutter={16}>
        <Col span={14}>{skippedTotal + failedTotal > 0 ? <Chart option={reasons} className="zj-chart-small" testId="chart-reasons" /> : <div className="zj-muted">全部送达，没有失败或跳过</div>}</Col>
        <Col span={10}><Chart option={byChannel} className="zj-chart-small" testId="chart-channels" /></Col>
      </Row>
    </div>
  );
}

/** Approving chooses now or a later time (and may carry a note); rescheduling chooses a new later time. */
function ApproveDialog({ mode, open, onClose, onApprove }: { mode: 'approve' | 'schedule'; open: boolean; onClose: () => void; onApprove: (sendAt: Dayjs | null, note: string) => Promise<void> }) {
  const [when, setWhen] = useState<'now' | 'later'>(mode === 'approve' ? 'now' : 'later');
  const [at, setAt] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setBusy(true);
    try {
      await onApprove(when === 'now' ? null : at, note);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={mode === 'approve' ? '审核通过并排期' : '修改发送时间'} onCancel={onClose} onOk={ok} okText="确定" confirmLoading={busy} okButtonProps={{ disabled: when === 'later' && !at, 'data-testid': 'approve-ok' } as React.ComponentProps<typeof Button>} destroyOnHidden>
      <Form layout="vertical">
        {mode === 'approve' && <Form.Item label="发送时间">
          <Radio.Group value={when} onChange={(e) => setWhen(e.target.value as 'now' | 'later')} data-testid="approve-when">
            <Radio value="now">立即发送</Radio>
            <Radio value="later">定时发送</Radio>
          </Radio.Group>
        </Form.Item>}
        {when === 'later' && (
          <Form.Item label="定时发送时间">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        )}
        {mode === 'approve' && (
          <Form.Item label="审核意见（可选）">
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Transitions({ rows }: { rows: PushTransition[] }) {
  const name = (s: string | null) => (s === null ? '—' : (PUSH_STATUS_NAMES[s as PushStatus] ?? s));
  const NOTES: Record<string, string> = { edited: '修改草稿', rescheduled: '修改发送时间', ...Object.fromEntries(Object.entries(PUSH_ORIGIN_NAMES).map(([k, v]) => [k, `自动生成：${v}`])) };
  return (
    <Table<PushTransition>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      data-testid="push-transitions"
      columns={[
        { title: '时间', dataIndex: 'at', width: 180, render: formatTime },
        { title: '操作人', dataIndex: 'actorName', width: 140, render: (n: string, r) => (r.editorId === null ? <Tag>系统</Tag> : n) },
        { title: '状态变化', width: 200, render: (_v, r) => `${name(r.fromStatus)} → ${name(r.toStatus)}` },
        { title: '说明', dataIndex: 'note', render: (n: string | null) => (n ? (NOTES[n] ?? n) : '') },
      ]}
    />
  );
}

/** One push: what it sends to whom, its review and schedule, live progress, statistics and history. */
export default function PushDetail() {
  const { id } = useParams();
  const api = useApi();
  const { session } = useSession();
  const { message, modal } = App.useApp();
  const refs = useReferences();
  const [detail, setDetail] = useState<PushDetailData | null>(null);
  const [preview, setPreview] = useState<PushPreview | null>(null);
  const [dialog, setDialog] = useState<'approve' | 'schedule' | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setDetail(PushDetailSchema.parse(await api.call<unknown>('GET', `/pushes/${id}`)));
      setPreview(PushPreview.parse(await api.call<unknown>('GET', `/pushes/${id}/preview`)));
    } catch (err) {
      message.error(messageOf(err));
    }
  }, [api, id, message]);
  useEffect(() => {
    void load();
  }, [load]);
  const onStatus = useCallback(() => void load(), [load]);

  if (!detail) return <Spin className="zj-page-loading" />;
  const { push, transitions } = detail;
  const role = session!.editor.role;
  const reviewer = role === 'reviewer' || role === 'admin';
  const own = push.createdBy !== null && push.createdBy === session!.editor.id;

  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await api.call('POST', `/pushes/${push.id}/${path}`, body);
      message.success(done);
      setDialog(null);
      await load();
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const cancel = () =>
    modal.confirm({
      title: '确定取消这条推送？',
      icon: <ExclamationCircleOutlined />,
      content: push.status === 'sending' ? '正在发送：已发出的消息无法撤回，尚未发送的收件人将不再收到。取消后不能恢复。' : '取消后不能恢复，如需推送请重新创建。',
      okText: '取消推送',
      okType: 'danger',
      cancelText: '不取消',
      onOk: () => act('cancel', {}, '推送已取消'),
    });
  const testSend = async () => {
    setBusy(true);
    try {
      const r = TestSendResult.parse(await api.call<unknown>('POST', `/pushes/${push.id}/test-send`, {}));
      const failed = r.results.filter((x) => !x.ok);
      if (failed.length === 0) message.success(`测试消息已发送到您绑定的微信（${r.openidMasked}）`);
      else message.warning(failed.map((f) => `${f.how}：${f.error}`).join('；'));
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const s = push.status;
  return (
    <Row gutter={16}>
      <Col span={17}>
        <div className="zj-panel">
          <div className="zj-panel-title">
            <span className="zj-push-title" data-testid="push-title">
              {push.title}
              <PushStatusTag status={s} />
              {push.urgent && <Tag color="red">紧急</Tag>}
              <OriginTag push={push} />
            </span>
            <span className="zj-actions">
              <Button icon={<SendOutlined />} onClick={testSend} loading={busy} data-testid="push-test-send">发送测试给我</Button>
              {s === 'draft' && <Link to={`/pushes/${push.id}/edit`}><Button>编辑</Button></Link>}
              {s === 'draft' && <Button type="primary" onClick={() => act('submit', {}, '已提交审核')} loading={busy} data-testid="push-do-submit">提交审核</Button>}
              {s === 'submitted' && reviewer && (
                <Tooltip title={own ? '不能审核自己创建的推送' : ''}>
                  <Button type="primary" disabled={own} onClick={() => setDialog('approve')} data-testid="push-approve">审核通过并排期</Button>
                </Tooltip>
              )}
              {s === 'scheduled' && reviewer && <Button onClick={() => setDialog('schedule')} data-testid="push-reschedule">修改发送时间</Button>}
              {(s === 'scheduled' || s === 'sending') && reviewer && <Button onClick={() => act('pause', {}, '已暂停')} loading={busy} data-testid="push-pause">暂停</Button>}
              {s === 'paused' && reviewer && <Button type="primary" onClick={() => act('resume', {}, '已继续发送')} loading={busy} data-testid="push-resume">继续</Button>}
              {s !== 'completed' && s !== 'cancelled' && reviewer && <Button danger onClick={cancel} data-testid="push-cancel">取消推送</Button>}
            </span>
          </div>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="推送内容"><Link to={`/content/${push.contentId}`}>查看内容 #{push.contentId}</Link></Descriptions.Item>
            <Descriptions.Item label="打开页面">{push.page}</Descriptions.Item>
            <Descriptions.Item label="主题">{namesOf(push.topics, refs.topics)}</Descriptions.Item>
            <Descriptions.Item label="地区">{push.districts.length === 0 ? '全市' : namesOf(push.districts, refs.districts)}</Descriptions.Item>
            <Descriptions.Item label="服务对象">{namesOf(push.audiences, refs.audiences)}</Descriptions.Item>
            <Descriptions.Item label="发送时间">{push.sendAt ? formatTime(push.sendAt) : '审核通过后确定'}</Descriptions.Item>
          </Descriptions>
        </div>
        {(LIVE.includes(s) || SENT_SOME.includes(s)) && (
          <div className="zj-panel">
            <div className="zj-panel-title">发送进度</div>
            <ProgressPanel id={push.id} status={s} onStatus={onStatus} />
          </div>
        )}
        {SENT_SOME.includes(s) && (
          <div className="zj-panel">
            <div className="zj-panel-title">送达统计</div>
            <StatsPanel detail={detail} version={`${s}-${push.version}-${detail.stats.targeted - detail.stats.pending}`} />
          </div>
        )}
        <div className="zj-panel">
          <div className="zj-panel-title">微信中显示效果</div>
          {preview?.template && (
            <>
              <h4>{PUSH_CHANNEL_NAMES.oa}（模板 {push.template!.templateId}）</h4>
              <KeywordPreviewTable rows={preview.template} testId="preview-template" />
            </>
          )}
          {preview?.subscribe && (
            <>
              <h4>{PUSH_CHANNEL_NAMES.mp}（模板 {push.subscribe!.templateId}）</h4>
              <KeywordPreviewTable rows={preview.subscribe} testId="preview-subscribe" />
            </>
          )}
        </div>
        <div className="zj-panel">
          <div className="zj-panel-title">操作记录</div>
          <Transitions rows={transitions} />
        </div>
      </Col>
      <Col span={7}>
        <WechatLinkCard />
        <div className="zj-panel">
          <div className="zj-panel-title">说明</div>
          <p className="zj-muted">推送经作者以外的审核员批准后才会发送；同一用户同一推送只会收到一条消息。夜间 22:00–08:00 非紧急推送自动顺延。</p>
        </div>
      </Col>
      <ApproveDialog mode="approve" open={dialog === 'approve'} onClose={() => setDialog(null)} onApprove={(at, note) => act('approve', { sendAt: at ? at.format() : null, ...(note.trim() && { note: note.trim() }) }, at ? '已排期' : '已批准，立即开始发送')} />
      <ApproveDialog mode="schedule" open={dialog === 'schedule'} onClose={() => setDialog(null)} onApprove={(at) => act('schedule', { sendAt: at!.format() }, '发送时间已修改')} />
    </Row>
  );
}
