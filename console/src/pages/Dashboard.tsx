import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Col, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  INTERPRETATION_STATE_NAMES,
  KEY_AREAS,
  OTHER_AREA_NAME,
  type CoverageRow,
  type InterpretationRow,
  type InterpretationState,
  type KeyArea,
  type OpennessReport,
  type OpennessSection,
  type PushReachRow,
  type UpcomingPushRow,
} from '@zj/shared';
import { messageOf } from '../api';
import { Chart, type ChartOption } from '../charts';
import { formatTime } from '../content';
import { useApi } from '../session';
import '../editorial.css';

const STATE_COLORS: Record<InterpretationState, string> = { on_time: 'success', late: 'warning', due: 'processing', overdue: 'error', missing: 'error' };
const AREAS: Array<[KeyArea, string]> = [...KEY_AREAS.map((a) => [a.code, a.name] as [KeyArea, string]), ['other', OTHER_AREA_NAME]];
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/** A link that downloads one section as CSV (the session cookie goes along: same origin). */
function CsvLink({ section, year }: { section: OpennessSection; year: number }) {
  return (
    <a href={`/admin/api/openness/${section}.csv?year=${year}`} download data-testid={`csv-${section}`}>
      <Button size="small" icon={<DownloadOutlined />}>导出 CSV</Button>
    </a>
  );
}

function Panel({ title, extra, children }: { title: string; extra?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="zj-panel">
      <div className="zj-panel-title">
        <span>{title}</span>
        {extra}
      </div>
      {children}
    </div>
  );
}

/** 政务公开考核: the openness figures of one year, each section exportable for the annual report. */
export default function Dashboard() {
  const api = useApi();
  const { message } = App.useApp();
  // No year chosen: the server's current year (Beijing time), which then fills the selector.
  const [chosen, setChosen] = useState<number | null>(null);
  const [report, setReport] = useState<OpennessReport | null>(null);
  const [thisYear, setThisYear] = useState<number | null>(null);
  const year = chosen ?? report?.year ?? null;

  useEffect(() => {
    setReport(null);
    api.call<OpennessReport>('GET', chosen ? `/openness?year=${chosen}` : '/openness').then(
      (r) => {
        setReport(r);
        setThisYear((y) => y ?? r.year);
      },
      (err) => message.error(messageOf(err)),
    );
  }, [api, chosen, message]);

  const areaOption = useMemo<ChartOption | null>(
    () =>
      report && {
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: report.publishedByArea.map((m) => `${Number(m.month.slice(5))}月`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: AREAS.map(([code, name]) => ({ name, type: 'bar', stack: 'areas', data: report.publishedByArea.map((m) => m.counts[code]) })),
      },
    [report],
  );
  const reachOption = useMemo<ChartOption | null>(
    () =>
      report && {
        legend: { top: 0 },
        grid: { left: 50, right: 50, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: report.reach.months.map((m) => `${Number(m.month.slice(5))}月`) },
        yAxis: [
          { type: 'value', name: '人次', minInterval: 1 },
          { type: 'value', name: '到达率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        ],
        series: [
          { name: '目标人数', type: 'bar', data: report.reach.months.map((m) => m.targeted) },
          { name: '送达人数', type: 'bar', data: report.reach.months.map((m) => m.delivered) },
          { name: '到达率', type: 'line', yAxisIndex: 1, data: report.reach.months.map((m) => (m.pushes > 0 ? Math.round(m.reachRate * 1000) / 10 : null)) },
        ],
      },
    [report],
  );
  const coverageOption = useMemo<ChartOption | null>(
    () =>
      report && {
        grid: { left: 110, right: 24, top: 10, bottom: 24 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: report.coverage.rows.map((r) => r.topicName) },
        series: [{ name: '订阅人数', type: 'bar', data: report.coverage.rows.map((r) => r.total) }],
      },
    [report],
  );

  const years = thisYear === null ? [] : Array.from({ length: 5 }, (_, i) => thisYear - i);
  const header = (
    <div className="zj-panel">
      <div className="zj-panel-title">
        <span>政务公开考核</span>
        <Space>
          <span>年度</span>
          <Select value={year ?? undefined} onChange={setChosen} options={years.map((y) => ({ value: y, label: `${y}年` }))} className="zj-select" data-testid="dashboard-year" />
        </Space>
      </div>
      {report && (
        <Row gutter={16}>
          <Col span={4}><Statistic title="解读按时发布" value={report.interpretations.counts.on_time} /></Col>
          <Col span={4}><Statistic title="解读逾期发布" value={report.interpretations.counts.late} /></Col>
          <Col span={4}><Statistic title="待发布（未到期）" value={report.interpretations.counts.due} /></Col>
          <Col span={4}><Statistic title="已逾期未发布" value={report.interpretations.counts.overdue + report.interpretations.counts.missing} valueStyle={{ color: '#cf1322' }} /></Col>
          <Col span={4}><Statistic title="订阅群众" value={report.coverage.subscribers} suffix="人" /></Col>
          <Col span={4}><Statistic title="年度到达率" value={percent(yearReach(report))} /></Col>
        </Row>
      )}
    </div>
  );
  if (!report || year === null || !areaOption || !reachOption || !coverageOption) return <>{header}<div className="zj-panel">加载中…</div></>;

  return (
    <>
      {header}
      <Panel title="政策解读时效（发布后 3 个工作日内）" extra={<CsvLink section="interpretations" year={year} />}>
        <Table<InterpretationRow>
          rowKey={(r) => `${r.policyId}-${r.interpretationId ?? 'none'}`}
          size="small"
          dataSource={report.interpretations.rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '本年度暂无发布的政策文件' }}
          data-testid="interpretations"
          columns={[
            { title: '政策文件', dataIndex: 'policyTitle', render: (t: string, r) => <Link to={`/content/${r.policyId}`}>{t}</Link> },
            { title: '文号', dataIndex: 'docNumber', width: 170 },
            { title: '发布时间', dataIndex: 'policyPublishedAt', width: 170, render: formatTime },
            { title: '解读应发布日期', dataIndex: 'dueOn', width: 130, render: (d: string | null) => d ?? '—' },
            { title: '政策解读', dataIndex: 'interpretationTitle', render: (t: string | null, r) => (t && r.interpretationId ? <Link to={`/content/${r.interpretationId}`}>{t}</Link> : <span className="zj-muted">未编写</span>) },
            { title: '状态', dataIndex: 'state', width: 150, render: (s: InterpretationState) => <Tag color={STATE_COLORS[s]}>{INTERPRETATION_STATE_NAMES[s]}</Tag> },
          ]}
        />
      </Panel>
      <Row gutter={16}>
        <Col span={12}>
          <Panel title="重点领域信息发布（按月）" extra={<CsvLink section="published" year={year} />}>
            <Chart option={areaOption} testId="chart-areas" />
          </Panel>
        </Col>
        <Col span={12}>
          <Panel title="推送送达与到达率（按月）" extra={<CsvLink section="reach" year={year} />}>
            <Chart option={reachOption} testId="chart-reach" />
          </Panel>
        </Col>
      </Row>
      <Panel title="订阅覆盖（按主题和地区）" extra={<CsvLink section="coverage" year={year} />}>
        <Row gutter={16}>
          <Col span={9}>
            {report.coverage.rows.length > 0 ? <Chart option={coverageOption} className="zj-chart-small" testId="chart-coverage" /> : <div className="zj-muted">暂无订阅</div>}
          </Col>
          <Col span={15}>
            <Table<CoverageRow>
              rowKey="topic"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={report.coverage.rows}
              locale={{ emptyText: '暂无订阅' }}
              columns={[
                { title: '主题', dataIndex: 'topicName', fixed: 'left', width: 120 },
                ...report.coverage.districts.map((d) => ({ title: d.name.replace(/\(.*\)$/, ''), key: d.code, width: 72, render: (_: unknown, r: CoverageRow) => r.byDistrict[d.code] ?? 0 })),
                { title: '未填', key: 'none', width: 60, render: (_: unknown, r: CoverageRow) => r.byDistrict[''] ?? 0 },
                { title: '合计', dataIndex: 'total', width: 70 },
              ]}
            />
          </Col>
        </Row>
      </Panel>
      <Row gutter={16}>
        <Col span={14}>
          <Panel title="各次推送到达率" extra={<CsvLink section="reach" year={year} />}>
            <Table<PushReachRow>
              rowKey="id"
              size="small"
              dataSource={report.reach.pushes}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              locale={{ emptyText: '本年度暂无推送' }}
              columns={[
                { title: '推送', dataIndex: 'title', render: (t: string, r) => <Link to={`/pushes/${r.id}`}>{t}</Link> },
                { title: '开始发送', dataIndex: 'startedAt', width: 170, render: formatTime },
                { title: '目标', dataIndex: 'targeted', width: 70 },
                { title: '送达', dataIndex: 'delivered', width: 70 },
                { title: '到达率', dataIndex: 'reachRate', width: 90, render: percent },
              ]}
            />
          </Panel>
        </Col>
        <Col span={10}>
          <Panel title="未来 7 日推送计划" extra={<CsvLink section="upcoming" year={year} />}>
            <Table<UpcomingPushRow>
              rowKey="id"
              size="small"
              dataSource={report.upcoming}
              pagination={false}
              locale={{ emptyText: '未来 7 日没有计划推送' }}
              data-testid="upcoming"
              columns={[
                { title: '推送', dataIndex: 'title', render: (t: string, r) => <Link to={`/pushes/${r.id}`}>{t}</Link> },
                { title: '计划时间', dataIndex: 'sendAt', width: 170, render: formatTime },
              ]}
            />
          </Panel>
        </Col>
      </Row>
    </>
  );
}

function yearReach(report: OpennessReport): number {
  const targeted = report.reach.months.reduce((n, m) => n + m.targeted, 0);
  const delivered = report.reach.months.reduce((n, m) => n + m.delivered, 0);
  return targeted === 0 ? 0 : delivered / targeted;
}
