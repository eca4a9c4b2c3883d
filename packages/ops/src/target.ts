import { DEFAULT_PREFIX } from '@ndf/catalog';
import { ENDPOINT_VARIABLES } from '@ndf/core';
import { serviceClients, type ServiceClients } from '@ndf/runtime';

/** Where the commands act: the emulators when the environment names their endpoints, else the cloud. */
export interface OpsTarget {
  readonly where: 'laptop' | 'cloud';
  readonly prefix: string;
  readonly clients: ServiceClients;
  close(): void;
}

/** Clients built from `env` exactly as the services build theirs, so the CLI sees what they see. */
export function opsTarget(env: NodeJS.ProcessEnv): OpsTarget {
  const local = env.AWS_ENDPOINT_URL !== undefined || Object.values(ENDPOINT_VARIABLES).some((name) => env[name] !== undefined);
  const clients = serviceClients(env);
  return {
    where: local ? 'laptop' : 'cloud',
    prefix: env.NDF_PREFIX ?? DEFAULT_PREFIX,
    clients,
    close: () => Object.values(clients).forEach((client: { destroy(): void }) => client.destroy()),
  };
}
