import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError, NotFoundError, ValidationError } from '../../errors';
import { Menu, syncMenu, type MenuApi } from '../client/menu';
import { menuVersions } from './tables';

/**
 * The official-account menu edited by admins in the console: each save is a version in the database;
 * publishing a version sends it to the platform (the sandbox unless a real secret is configured) and reads
 * it back. Until a version is saved, menu.json (with the configured mini-program appid) is the menu.
 */

export interface MenuVersionView {
  id: number;
  menu: Menu;
  note: string | null;
  createdByName: string;
  createdAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}

export interface MenuEditor {
  editorId: number | null;
  name: string;
}

type Row = typeof menuVersions.$inferSelect;

const view = (r: Row): MenuVersionView => ({
  id: r.id,
  menu: r.menu,
  note: r.note,
  createdByName: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  publishedAt: r.publishedAt?.toISOString() ?? null,
  publishedByName: r.publishedByName,
});

/** Validates a menu as menu.json is validated; the errors name the button. */
export function parseMenu(raw: unknown): Menu {
  const parsed = Menu.safeParse(raw);
  if (!parsed.success) throw new ValidationError('菜单不符合微信的要求', parsed.error.issues);
  return parsed.data;
}

export type MenuStore = ReturnType<typeof createMenuStore>;

export function createMenuStore(deps: { db: Database; clock: Clock; platform: MenuApi; defaultMenu: () => Menu }) {
  const { db, clock } = deps;

  async function find(id: number): Promise<Row> {
    const [row] = await db.select().from(menuVersions).where(eq(menuVersions.id, id));
    if (!row) throw new NotFoundError('该菜单版本');
    return row;
  }

  return {
    /** The newest saved versions (newest first), the one published last, and the default from menu.json. */
    async overview(limit = 30) {
      const rows = await db.select().from(menuVersions).orderBy(desc(menuVersions.id)).limit(limit);
      const [published] = await db.select().from(menuVersions).where(isNotNull(menuVersions.publishedAt)).orderBy(desc(menuVersions.publishedAt), desc(menuVersions.id)).limit(1);
      return { versions: rows.map(view), published: published ? view(published) : null, defaultMenu: deps.defaultMenu() };
    },

    get: async (id: number) => view(await find(id)),

    async save(raw: unknown, note: string | undefined, by: MenuEditor): Promise<MenuVersionView> {
      const menu = parseMenu(raw);
      const [row] = await db
        .insert(menuVersions)
        .values({ menu, note: note || null, createdBy: by.editorId, createdByName: by.name, createdAt: clock.now() })
        .returning();
      return view(row!);
    },

    /** Sends a saved version to the platform, reads it back, and stamps it published. */
    async publish(id: number, by: MenuEditor): Promise<MenuVersionView> {
      const row = await find(id);
      try {
        await syncMenu(deps.platform, parseMenu(row.menu));
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError(502, 'menu_publish_failed', `菜单发布到微信平台失败：${err instanceof Error ? err.message : String(err)}`);
      }
      const [updated] = await db
        .update(menuVersions)
        .set({ publishedAt: clock.now(), publishedByName: by.name })
        .where(eq(menuVersions.id, id))
        .returning();
      return view(updated!);
    },
  };
}
