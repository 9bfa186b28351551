export * from './reference';
export * from './eligibility';
export * from './content';
export * from './recruitment-status';
export * from './api';
export * from './editors';
export * from './pages';
