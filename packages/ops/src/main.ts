import { parseArgs } from 'node:util';
import type { CommandContext } from './command-context.js';
import { consoleCommand } from './console-command.js';
import { quarantineCommand } from './quarantine-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { alertsCommand, statusCommand } from './status-command.js';
import { opsTarget } from './target.js';
import { USAGE, UsageError } from './usage.js';

export interface OpsIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs one command from `argv` (the arguments after `ops`); resolves to the exit code: 0 done, 1 failed, 2 wrong usage. */
export async function runOps(argv: readonly string[], io: OpsIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        service: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        operator: { type: 'string' },
        reason: { type: 'string' },
        queue: { type: 'string' },
      },
    });
  } catch (error) {
    return usageFailure(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (command || values.help ? io.stdout : io.stderr)(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }

  const target = opsTarget(io.env);
  const context: CommandContext = {
    target,
    print: (value, asText) => io.stdout(`${values.json ? JSON.stringify(value, null, 2) : asText()}\n`),
  };
  try {
    if (command === 'quarantine') await quarantineCommand({ ...values, positionals: rest }, context);
    else if (command === 'reconcile') await reconcileCommand(rest, context);
    else if (command === 'console') await consoleCommand(values, context, io.env);
    else if (command === 'status') await statusCommand(context, io.env);
    else if (command === 'alerts') await alertsCommand(context, io.env);
    else throw new UsageError(`unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message);
    io.stderr(`ops: ${oneLine(error)} (${target.where}, prefix ${target.prefix})\n`);
    return 1;
  } finally {
    target.close();
  }
}

function usageFailure(io: OpsIo, message: string): number {
  io.stderr(`ops: ${message}\n${USAGE}\n`);
  return 2;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? `${error.message || error.name}` : String(error);
  return message.replace(/\s+/g, ' ').trim();
}
