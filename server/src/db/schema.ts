/** Every table of every domain, for the typed database handle and drizzle-kit. */
export * from '../content/tables';
export * from '../calendar/tables';
export * from '../audience/tables';
export * from '../wechat/client/tables';
export * from '../wechat/message-server/tables';
export * from '../sandbox/tables';
export * from '../editors/tables';
export * from '../pushes/tables';
export * from '../wechat/menu/tables';
