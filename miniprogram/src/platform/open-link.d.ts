/** Offers an outside web address (source document, registration site) the way the platform allows. */
export function openLink(url: string): void;
