/** Which server a child process runs: the bare Koa ceiling, or the real system on one database engine. */
export type Engine = 'bare' | 'pglite' | 'postgres';

/** What a server child sends its parent over IPC once it listens (other benches' children name their own kinds). */
export interface ServerReady<E extends string = Engine> {
  engine: E;
  port: number;
  startupMs: number;
}

/** The bare app's only route. */
export const BARE_PATH = '/bare';
