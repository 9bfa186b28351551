/** A `wx.login` code for POST /api/v1/session (valid 5 minutes, usable once). */
export function getLoginCode(): Promise<string>;
/**
 * Asks the resident to allow subscribe messages of these templates (at most 3; on WeChat only from a tap),
 * `purpose` saying what for. Resolves with what wx.requestSubscribeMessage gives: template id → accept,
 * reject, ban or filter, plus errMsg; rejects when the request could not be shown.
 */
export function requestSubscribe(templateIds: string[], purpose: string): Promise<Record<string, string>>;
