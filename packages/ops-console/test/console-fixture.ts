import { catalog, queueName } from '@ndf/catalog';
import { stackTokenChecks } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { platformQuarantine, type QuarantineEntry } from '@ndf/runtime';
import { startPlatformConsole, type OpsConsole } from '../src/index.js';
import { fixtureReadModel } from './fixture-read-model.js';

export interface ConsoleUnderTest {
  readonly stack: SharedStack;
  readonly console: OpsConsole;
  readonly prefix: string;
  /** A token of the stack's issuer holding the operator role only. */
  operatorToken(email?: string): Promise<string>;
  /** A tenant user's token, with every tenant role. */
  tenantToken(): Promise<string>;
  /** Quarantines a message of `service` from its queue, as a consumer would. */
  quarantine(service: string, id: string, overrides?: Partial<QuarantineEntry>): Promise<QuarantineEntry>;
  stop(): Promise<void>;
}

/** The console on the shared stack: the real quarantine, notes table and token issuer, with a fixture read model for the monitor's side. */
export async function startConsoleUnderTest(prefix: string, env: NodeJS.ProcessEnv = {}): Promise<ConsoleUnderTest> {
  const stack = await useSharedStack(prefix, catalog);
  const console = await startPlatformConsole({
    monitor: fixtureReadModel(),
    clients: stack.clients,
    prefix,
    tokens: stackTokenChecks(stack),
    env,
    port: 0,
  });
  return {
    stack,
    console,
    prefix,
    operatorToken: (email = 'dana@ops.example') =>
      stack.issuer.mint({ tenant: 'ndf-operators', user: email.replace(/@.*$/, ''), email, roles: ['operator'] }),
    tenantToken: () => stack.issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee', 'approver', 'accountant', 'admin'] }),
    async quarantine(service, id, overrides = {}) {
      const entry: QuarantineEntry = {
        service,
        source: { kind: 'sqs', queueName: queueName(prefix, service) },
        payload: JSON.stringify({ tenant: 'acme', receiptId: id, step: 'ocr' }),
        attributes: {},
        reason: 'exhausted 5 attempts',
        failures: [
          { attempt: 1, at: new Date().toISOString(), durationMs: 30_000, errorName: 'TimeoutError', message: 'page took too long' },
        ],
        firstReceivedAt: new Date().toISOString(),
        lastReceivedAt: new Date().toISOString(),
        originalId: id,
        ...overrides,
      };
      await platformQuarantine(stack.clients, prefix).quarantine(entry);
      return entry;
    },
    async stop() {
      await console.stop();
      await stack.stop();
    },
  };
}
