/** 高德's web search, in a new tab (on a phone it offers to continue in the 高德 app). */
export function openMap(query: string): void {
  const url = `https://uri.amap.com/search?keyword=${encodeURIComponent(query)}&city=${encodeURIComponent('镇江')}&src=zj-hrss`;
  window.open(url, '_blank', 'noopener');
}
