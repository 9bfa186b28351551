/** 2025-06-10 → 2025年6月10日 (dates are Asia/Shanghai calendar dates already). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** An instant shown in Beijing time, whatever the phone's time zone: 2025年6月10日 09:00. */
export function formatDateTime(iso: string): string {
  const beijing = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日 ${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`;
}

export function formatYuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(1);
}
