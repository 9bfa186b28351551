/**
 * Runs residents' questions through the search API and the chat (/wechat, through the sandbox) of a fresh
 * system with the shipped content in an in-memory database, and prints hit@1, hit@3 and the zero-result
 * rate of each. `npm run eval:questions [-- path/to/questions.json] [-- --misses]`; by default the dev set
 * in ../shared/research. A hit names an expected item in a result's title (search) or in the reply (chat).
 */
import { describeFigures, loadResidentQuestions, measureChat, measureSearch, type Figures } from '../server/test/support/resident-questions';
import { startTestSystem } from '../server/test/support/test-system';

function misses(f: Figures): string[] {
  return f.outcomes.filter((o) => o.rank === null || o.rank > 1).map((o) => `  ${o.rank === null ? 'miss' : `#${o.rank}`}  ${o.q}  →  ${o.seen || '（无结果）'}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--'));
  const questions = loadResidentQuestions(path);
  const t = await startTestSystem({ seed: true, now: new Date().toISOString() });
  try {
    const search = await measureSearch(t, questions);
    const chat = await measureChat(t, questions);
    console.log(`${questions.length} questions${path ? ` from ${path}` : ' (dev set)'}`);
    console.log(describeFigures('search', search));
    console.log(describeFigures('chat  ', chat));
    if (args.includes('--misses')) console.log(['search, not first:', ...misses(search), 'chat, missed:', ...misses(chat)].join('\n'));
  } finally {
    await t.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
