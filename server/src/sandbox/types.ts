import type { Menu } from '../wechat/client/menu';

/** What the sandbox's modules share; imports none of them, so the folder has no import cycle. */

export type SandboxApi = 'stable_token' | 'template_send' | 'subscribe_send' | 'custom_send' | 'menu_create' | 'menu_get' | 'jscode2session' | 'qrcode_create' | 'user_info' | 'user_info_batchget';

export interface SandboxCall {
  seq: number;
  at: string;
  api: SandboxApi;
  appId: string | null;
  /** 0 for success; -2 for an injected HTTP failure. */
  errcode: number;
  httpStatus: number;
  /** stable_token only: whether the caller asked for force_refresh (our client never should). */
  forceRefresh?: boolean;
}

export interface SandboxMessage {
  seq: number;
  at: string;
  kind: 'template' | 'subscribe' | 'custom';
  appId: string;
  touser: string;
  msgid: string | null;
  templateId: string | null;
  data: Record<string, string>;
  url?: string;
  miniprogram?: { appid: string; pagepath: string };
  page?: string;
  miniprogramState?: string;
  clientMsgId?: string;
  content?: string;
}

export interface SandboxFollower {
  openid: string;
  followedAt: string;
  /** Refuses the account's template messages: sends succeed, the job reports 'failed:user block'. */
  blocked: boolean;
  lastInteractionAt: string;
}

export interface SandboxJobReport {
  msgid: string;
  openid: string;
  status: string;
  /** HTTP status of the callback endpoint's answer, or null when it could not be reached (or not yet). */
  httpStatus: number | null;
  answer: string | null;
  error?: string;
}

export interface SandboxQrCode {
  ticket: string;
  scene: string;
  permanent: boolean;
  expiresAt: string | null;
}

/** The platform state developers and tests inspect and set, at /sandbox/_inspect/… and on `Sandbox`. */
export interface SandboxInspection {
  /** The latest calls, oldest first: at least the last 10,000 (SandboxConfig.callLogKept), so a sandbox that runs for weeks does not keep every call. */
  readonly calls: readonly SandboxCall[];
  callsTo(api: SandboxApi): SandboxCall[];
  /** Most calls to `api` being answered at the same moment since the last reset (a client's concurrency, seen from the platform). */
  peakInFlight(api: SandboxApi): number;
  messages(): Promise<SandboxMessage[]>;
  messagesTo(openid: string): Promise<SandboxMessage[]>;
  jobReports(): Promise<SandboxJobReport[]>;
  qrCodes(): Promise<SandboxQrCode[]>;
  followers(): Promise<SandboxFollower[]>;
  follow(openid: string): Promise<void>;
  unfollow(openid: string): Promise<void>;
  grantSubscribeCredit(openid: string, templateId: string, count?: number): Promise<void>;
  subscribeCredit(openid: string, templateId: string): Promise<number>;
  /**
   * The 服务号 openid of the resident `name`: the same person as the mini-program user of `fake-code-<name>`,
   * so cgi-bin/user/info answers their unionid (sandboxUnionId(name)). Registers the resident (not following).
   */
  namedResident(name: string): Promise<{ openid: string; unionid: string }>;
  /** The menu published with menu/create for the 服务号, or null. */
  menu(): Promise<Menu | null>;
}
