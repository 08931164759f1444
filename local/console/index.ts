/** The operator console: mount `createConsoleHandler(...)` at `/console` on the HTTP API port. */
export type { VerifyToken } from './auth.ts';
export { OPERATOR_GROUP } from './auth.ts';
export { type ConsoleOptions, type ConsoleRequestHandler, createConsoleHandler } from './handler.ts';
export {
  deriveProgrammeViews,
  type ProgrammeView,
  type ProgrammeViewContext,
  type ProgrammeViewsSource,
} from './programme-views.ts';
