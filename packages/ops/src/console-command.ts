import { consolePort, operatorSignInUrl } from '@ndf/ops-console';
import type { CommandContext } from './command-context.js';
import { UsageError } from './usage.js';

/**
 * `ops console`: a link that signs a browser tab in to the laptop's ops console, with a fresh
 * operator token from the local issuer. In the cloud, operators sign in through the console's
 * authenticated entry instead.
 */
export async function consoleCommand(args: { operator?: string }, context: CommandContext, env: NodeJS.ProcessEnv): Promise<void> {
  if (context.target.where === 'cloud' || !env.NDF_JWT_ISSUER)
    throw new UsageError("console signs in to the laptop's console only; in the cloud, open the console's address and sign in there");
  const operator = args.operator?.trim() || `${env.USER || 'operator'}@localhost`;
  const consoleUrl = `http://127.0.0.1:${consolePort(env)}`;
  const url = await operatorSignInUrl({ issuerUrl: env.NDF_JWT_ISSUER, consoleUrl, operator });
  context.print(
    { url, operator },
    () => `Open this link to sign in to the ops console as ${operator} (valid 8 hours, this tab only):\n${url}`,
  );
}
