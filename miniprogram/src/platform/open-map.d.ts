/** Shows where a service hall is: `query` is what to search for in a map (its name or address). */
export function openMap(query: string): void;
