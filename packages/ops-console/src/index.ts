export { startOpsConsole, type OpsConsole, type OpsConsoleOptions } from './console-server.js';
export { operatorAuthenticator, type OperatorTokenIssuer } from './operator-auth.js';
export {
  CONSOLE_PORT_VARIABLE,
  DEFAULT_CONSOLE_PORT,
  consolePort,
  startPlatformConsole,
  stuckAfterMs,
  type PlatformConsoleOptions,
} from './platform-console.js';
export { OPERATOR_TOKEN_TENANT, mintOperatorToken, operatorSignInUrl } from './sign-in.js';
export { QUARANTINE_ROUTES } from './routes/quarantine-routes.js';
export { STALLED_ROUTE, type StalledSource } from './routes/stalled-routes.js';
export type { StalledReceipt, StalledView } from './stalled-receipt.js';
