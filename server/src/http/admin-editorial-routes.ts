import { z } from 'zod';
import {
  IdParams,
  MenuSaveBody,
  MenuVersionParams,
  OPENNESS_SECTIONS,
  OpennessQuery,
  StopWordBody,
  SynonymBody,
  TermParams,
} from '@zj/shared';
import type { ContentService } from '../content/service';
import { addStopWord, listStopWords, listSynonyms, putSynonym, removeStopWord, removeSynonym } from '../content/search-dictionary';
import type { Database } from '../db/database';
import type { EditorService } from '../editors/service';
import { NotFoundError, ValidationError } from '../errors';
import { sectionCsv, SECTION_TITLES } from '../openness/csv';
import type { Openness } from '../openness/service';
import type { MenuStore } from '../wechat/menu/store';
import type { Clock } from '../clock';
import {
  getKeywordRule,
  insertKeywordRule,
  KeywordRuleInput,
  listKeywordRules,
  updateKeywordRule,
  type KeywordRuleCache,
} from '../wechat/message-server/keyword-rules';
import { actorOf, route, type AdminRoute } from './admin-routes';

export interface EditorialDeps {
  db: Database;
  clock: Clock;
  editors: EditorService;
  content: ContentService;
  openness: Openness;
  menu: MenuStore;
  keywordRules: KeywordRuleCache;
}

const CsvParams = z.object({ section: z.enum(OPENNESS_SECTIONS) }).strict();

function parseRule(raw: unknown) {
  const parsed = KeywordRuleInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError('关键词回复不符合要求', parsed.error.issues);
  return parsed.data;
}

/** The openness dashboard and its CSV exports. */
function opennessRoutes({ openness }: EditorialDeps): AdminRoute[] {
  return [
    route({ method: 'get', path: '/openness', query: OpennessQuery, handler: ({ query }) => openness.report(query.year) }),
    route({
      method: 'get',
      path: '/openness/:section.csv',
      params: CsvParams,
      query: OpennessQuery,
      async handler({ params, query }, ctx) {
        const report = await openness.report(query.year);
        const name = `${report.year}年${SECTION_TITLES[params.section]}.csv`;
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('Content-Disposition', `attachment; filename="openness-${params.section}-${report.year}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
        ctx.set('Cache-Control', 'no-store');
        return sectionCsv(report, params.section);
      },
    }),
  ];
}

/** Synonyms and stop words of the search: every write reaches search at once (contentChanged). */
function dictionaryRoutes({ db, editors, content }: EditorialDeps): AdminRoute[] {
  const changed = async (ctx: Parameters<AdminRoute['handler']>[1], action: string, target: string, before: unknown, after: unknown) => {
    content.contentChanged();
    await editors.audit(actorOf(ctx), { action, targetType: 'search_dictionary', targetId: target, before, after });
  };
  return [
    route({
      method: 'get',
      path: '/dictionary',
      handler: async () => ({ synonyms: await listSynonyms(db), stopWords: await listStopWords(db) }),
    }),
    route({
      method: 'post',
      path: '/dictionary/synonyms',
      body: SynonymBody,
      async handler({ body }, ctx) {
        const before = (await listSynonyms(db)).find((s) => s.term === body.term.trim()) ?? null;
        await putSynonym(db, body);
        const after = (await listSynonyms(db)).find((s) => s.term === body.term.trim()) ?? null;
        await changed(ctx, 'dictionary.synonym.put', body.term, before, after);
        return after ?? { term: body.term, expansions: [] };
      },
    }),
    route({
      method: 'delete',
      path: '/dictionary/synonyms/:term',
      params: TermParams,
      noContent: true,
      async handler({ params }, ctx) {
        const before = (await listSynonyms(db)).find((s) => s.term === params.term) ?? null;
        if (!before) throw new NotFoundError('该同义词');
        await removeSynonym(db, params.term);
        await changed(ctx, 'dictionary.synonym.remove', params.term, before, null);
      },
    }),
    route({
      method: 'post',
      path: '/dictionary/stop-words',
      body: StopWordBody,
      async handler({ body }, ctx) {
        await addStopWord(db, body.word);
        await changed(ctx, 'dictionary.stop_word.add', body.word, null, { word: body.word });
        return { word: body.word };
      },
    }),
    route({
      method: 'delete',
      path: '/dictionary/stop-words/:term',
      params: TermParams,
      noContent: true,
      async handler({ params }, ctx) {
        if (!(await listStopWords(db)).includes(params.term)) throw new NotFoundError('该停用词');
        await removeStopWord(db, params.term);
        await changed(ctx, 'dictionary.stop_word.remove', params.term, { word: params.term }, null);
      },
    }),
  ];
}

/** Keyword replies of the chat (admins): validated as the shipped rules are; this instance reloads them at once. */
function keywordRoutes({ db, clock, editors, keywordRules }: EditorialDeps): AdminRoute[] {
  return [
    route({ method: 'get', path: '/keyword-rules', handler: async () => ({ items: await listKeywordRules(db) }) }),
    route({
      method: 'post',
      path: '/keyword-rules',
      body: z.unknown(),
      async handler({ body }, ctx) {
        const rule = await insertKeywordRule(db, parseRule(body), clock.now());
        keywordRules.invalidate();
        await editors.audit(actorOf(ctx), { action: 'keyword_rule.create', targetType: 'keyword_rule', targetId: rule.id, after: rule });
        return rule;
      },
    }),
    route({
      method: 'put',
      path: '/keyword-rules/:id',
      params: IdParams,
      body: z.unknown(),
      async handler({ params, body }, ctx) {
        const input = parseRule(body);
        const before = await getKeywordRule(db, params.id);
        const rule = await updateKeywordRule(db, params.id, input, clock.now());
        if (!rule) throw new NotFoundError('该关键词回复');
        keywordRules.invalidate();
        await editors.audit(actorOf(ctx), { action: 'keyword_rule.update', targetType: 'keyword_rule', targetId: rule.id, before, after: rule });
        return rule;
      },
    }),
  ];
}

/** The official-account menu (admins): saved as versions, published to the platform. */
function menuRoutes({ editors, menu }: EditorialDeps): AdminRoute[] {
  const by = (ctx: Parameters<AdminRoute['handler']>[1]) => {
    const a = actorOf(ctx);
    return { editorId: a.editorId, name: a.name };
  };
  return [
    route({ method: 'get', path: '/menu', handler: () => menu.overview() }),
    route({
      method: 'post',
      path: '/menu/versions',
      body: MenuSaveBody,
      async handler({ body }, ctx) {
        const saved = await menu.save(body.menu, body.note, by(ctx));
        await editors.audit(actorOf(ctx), { action: 'menu.save', targetType: 'menu_version', targetId: saved.id, after: saved });
        return saved;
      },
    }),
    route({
      method: 'post',
      path: '/menu/versions/:id/publish',
      params: MenuVersionParams,
      body: z.object({}).strict().optional(),
      async handler({ params }, ctx) {
        const before = await menu.get(params.id);
        const published = await menu.publish(params.id, by(ctx));
        await editors.audit(actorOf(ctx), { action: 'menu.publish', targetType: 'menu_version', targetId: published.id, before, after: published });
        return published;
      },
    }),
  ];
}

/** The dashboard and the dictionary, keyword-reply and menu editors of the console. */
export function editorialRoutes(deps: EditorialDeps): AdminRoute[] {
  return [...opennessRoutes(deps), ...dictionaryRoutes(deps), ...keywordRoutes(deps), ...menuRoutes(deps)];
}
