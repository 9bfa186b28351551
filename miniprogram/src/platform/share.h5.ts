/** A browser shares with its own menu (the address bar already links the item): nothing to register. */
export function useShare(_share: { title: string; path: string } | null): void {}
