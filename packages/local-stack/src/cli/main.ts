import { parseArgs } from 'node:util';
import { platformCommand } from './platform-command.js';
import { stackCommand } from './stack-command.js';
import { tokenCommand } from './token-command.js';

const usage = `usage:
  local-stack platform [--in-memory]     emulators, APIs and every service (what \`npm start\` runs)
  local-stack stack [--in-memory]        the emulators alone, provisioned from the catalog
  local-stack token --tenant T --user U --roles employee[,approver,accountant,admin] [--email E] [--expires-in S]`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      'in-memory': { type: 'boolean', default: false },
      tenant: { type: 'string' },
      user: { type: 'string' },
      roles: { type: 'string', default: 'employee' },
      email: { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  switch (command) {
    case 'platform':
      return platformCommand({ inMemory: values['in-memory'] ?? false });
    case 'stack':
      return stackCommand({ inMemory: values['in-memory'] ?? false });
    case 'token':
      if (!values.tenant || !values.user) throw new Error(`--tenant and --user are required.\n${usage}`);
      return tokenCommand({
        tenant: values.tenant,
        user: values.user,
        roles: values.roles ?? 'employee',
        email: values.email,
        expiresIn: values['expires-in'],
      });
    default:
      console.log(usage);
      process.exitCode = command ? 2 : 0;
  }
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
