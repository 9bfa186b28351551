import {
  DISTRICTS,
  INTERPRETATION_STATE_NAMES,
  KEY_AREAS,
  OTHER_AREA_NAME,
  type KeyArea,
  type OpennessReport,
  type OpennessSection,
} from '@zj/shared';

/**
 * One CSV per dashboard section for the annual report: UTF-8 with a byte-order mark (so Excel reads the
 * Chinese correctly), CRLF line ends, every field quoted as RFC 4180 says when it needs to be, and a
 * leading =+-@ neutralised so a title cannot become a spreadsheet formula.
 */

const BOM = '\uFEFF';

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Beijing time, minutes precision: 2026-11-27 10:00. */
const beijing = (iso: string | null) => (iso === null ? '' : new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
const percent = (r: number) => `${(r * 100).toFixed(2)}%`;

const AREA_COLUMNS: Array<[KeyArea, string]> = [...KEY_AREAS.map((a) => [a.code, a.name] as [KeyArea, string]), ['other', OTHER_AREA_NAME]];

export const SECTION_TITLES: Record<OpennessSection, string> = {
  interpretations: '政策解读时效',
  published: '重点领域信息发布',
  coverage: '订阅覆盖',
  reach: '推送到达率',
  upcoming: '未来7日推送计划',
};

export function sectionCsv(report: OpennessReport, section: OpennessSection): string {
  switch (section) {
    case 'interpretations':
      return toCsv(
        ['政策文件', '文号', '政策发布时间', '解读应发布日期', '解读标题', '解读发布时间', '状态'],
        report.interpretations.rows.map((r) => [
          r.policyTitle,
          r.docNumber,
          beijing(r.policyPublishedAt),
          r.dueOn,
          r.interpretationTitle,
          beijing(r.interpretationPublishedAt),
          INTERPRETATION_STATE_NAMES[r.state],
        ]),
      );
    case 'published':
      return toCsv(
        ['月份', ...AREA_COLUMNS.map(([, name]) => name), '合计'],
        report.publishedByArea.map((m) => [m.month, ...AREA_COLUMNS.map(([code]) => m.counts[code]), m.total]),
      );
    case 'coverage':
      return toCsv(
        ['主题', ...DISTRICTS.map((d) => d.name), '未填地区', '合计'],
        report.coverage.rows.map((r) => [r.topicName, ...DISTRICTS.map((d) => r.byDistrict[d.code] ?? 0), r.byDistrict[''] ?? 0, r.total]),
      );
    case 'reach':
      return toCsv(
        ['推送', '状态', '开始发送时间', '目标人数', '送达人数', '到达率'],
        [
          ...report.reach.pushes.map((p) => [p.title, p.status, beijing(p.startedAt), p.targeted, p.delivered, percent(p.reachRate)]),
          ...report.reach.months.filter((m) => m.pushes > 0).map((m) => [`${m.month} 月度合计（${m.pushes} 次推送）`, '', '', m.targeted, m.delivered, percent(m.reachRate)]),
        ],
      );
    case 'upcoming':
      return toCsv(
        ['推送', '状态', '计划发送时间', '主题', '地区'],
        report.upcoming.map((u) => [u.title, u.status, beijing(u.sendAt), u.topics.join('、'), u.districts.map((d) => DISTRICTS.find((x) => x.code === d)?.name ?? d).join('、') || '全市']),
      );
  }
}
