/**
 * Lets the resident forward the page to a WeChat chat, with this title and a link back to the same item.
 * Pages that use it set `enableShareAppMessage: true` in their page config (WeChat shows 转发 only then).
 */
export function useShare(share: { title: string; path: string } | null): void;
