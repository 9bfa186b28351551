import type { EditorRole } from '@zj/shared';
import type { ContentActor, ContentService } from '../../src/content/service';
import type { Database } from '../../src/db/database';
import { findEditorByName, insertEditor } from '../../src/editors/repository';

export interface TestActors {
  author: ContentActor;
  reviewer: ContentActor;
}

/**
 * An account that exists for content's foreign keys but can never log in (its hash is no argon2 hash).
 * Tests of logins create real accounts through the editor service instead.
 */
export async function aContentActor(db: Database, name: string, role: EditorRole): Promise<ContentActor> {
  const now = new Date();
  await insertEditor(db, { name, role, passwordHash: '!', createdAt: now, passwordChangedAt: now });
  const row = (await findEditorByName(db, name))!;
  return { editorId: row.id, name: row.name, role: row.role as EditorRole };
}

const actorsOf = new WeakMap<ContentService, TestActors>();

/** startTestSystem calls this, so builders' publish() can walk items through review as two people. */
export async function registerTestActors(db: Database, content: ContentService): Promise<TestActors> {
  const actors = { author: await aContentActor(db, 'test-author', 'editor'), reviewer: await aContentActor(db, 'test-reviewer', 'reviewer') };
  actorsOf.set(content, actors);
  return actors;
}

export function testActorsOf(content: ContentService): TestActors {
  const actors = actorsOf.get(content);
  if (!actors) throw new Error('no test editors for this content service: start it with startTestSystem()');
  return actors;
}
