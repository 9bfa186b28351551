/** In a browser the address simply opens in a new tab. */
export function openLink(url: string): void {
  window.open(url, '_blank', 'noopener');
}
