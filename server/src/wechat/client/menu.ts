import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import menuFile from './menu.json';

/**
 * The 服务号 custom menu (research/wechat.md §1.10). Once developer mode is on, only the API-created
 * menu shows, so it lives in the repository as versioned JSON (menu.json) and is published by
 * `npm run menu:sync`. Limits are in UTF-8 bytes, as WeChat counts them.
 */

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const maxBytes = (max: number, what: string) =>
  z
    .string()
    .min(1, `${what}不能为空`)
    .refine((s) => bytes(s) <= max, { message: `${what}最多 ${max} 字节(UTF-8,一个汉字 3 字节)` });
const httpUrl = maxBytes(1024, '链接').pipe(z.url({ protocol: /^https?$/, error: '链接必须是 http 或 https 地址' }));

const actions = (nameMax: number) => {
  const name = maxBytes(nameMax, '菜单名称');
  return [
    z.strictObject({ type: z.literal('click'), name, key: maxBytes(128, 'key') }),
    z.strictObject({ type: z.literal('view'), name, url: httpUrl }),
    // Old clients cannot open mini-programs and follow `url` instead, so WeChat requires it.
    z.strictObject({
      type: z.literal('miniprogram'),
      name,
      appid: z.string().regex(/^wx[0-9a-f]{16}$/, 'appid 必须是 wx 加 16 位十六进制'),
      pagepath: maxBytes(1024, 'pagepath'),
      url: httpUrl,
    }),
  ] as const;
};

export const SubButton = z.discriminatedUnion('type', actions(60));
// A parent button has no type; discriminating on the missing type (rather than a plain union) keeps
// the errors precise: "子菜单最多 5 个" instead of "invalid input".
export const TopButton = z.discriminatedUnion('type', [
  ...actions(16),
  z.strictObject({
    type: z.undefined().optional(),
    name: maxBytes(16, '菜单名称'),
    sub_button: z.array(SubButton).min(1, '子菜单至少 1 个').max(5, '子菜单最多 5 个'),
  }),
]);
export const Menu = z.strictObject({ button: z.array(TopButton).min(1, '一级菜单至少 1 个').max(3, '一级菜单最多 3 个') });

export type SubButton = z.infer<typeof SubButton>;
export type TopButton = z.infer<typeof TopButton>;
export type Menu = z.infer<typeof Menu>;

/** Written in menu.json where the mini-program's appid goes; it differs between sandbox and production. */
export const MP_APPID_PLACEHOLDER = '$MP_APPID';

/** Puts the configured mini-program appid into the file's menu, then validates it. */
export function resolveMenu(raw: unknown, options: { miniProgramAppId: string }): Menu {
  const text = JSON.stringify(raw).replaceAll(JSON.stringify(MP_APPID_PLACEHOLDER), JSON.stringify(options.miniProgramAppId));
  return Menu.parse(JSON.parse(text));
}

/** The menu shipped in menu.json, ready for the API. */
export function repositoryMenu(options: { miniProgramAppId: string }): Menu {
  return resolveMenu(menuFile, options);
}

/** Every CLICK key of a menu: the message router must answer each of them. */
export function clickKeys(menu: Menu): string[] {
  return menu.button.flatMap((b) => ('sub_button' in b ? b.sub_button : [b])).flatMap((b) => (b.type === 'click' ? [b.key] : []));
}

/** The two menu calls of the platform client (declared here so the client may import this module). */
export interface MenuApi {
  createMenu(menu: Menu): Promise<void>;
  getMenu(): Promise<Menu | null>;
}

/** Publishes `menu` and reads it back; a difference means the platform dropped or changed part of it. */
export async function syncMenu(client: MenuApi, menu: Menu): Promise<Menu> {
  await client.createMenu(menu);
  const current = await client.getMenu();
  if (current === null || !isDeepStrictEqual(current, menu)) {
    throw new Error(`the menu read back differs from the one sent: ${JSON.stringify(current)}`);
  }
  return current;
}
