// `npm run chaos -- <name>`: runs a fault scenario on its own local stack at full length and
// prints its figures (the test suite runs the same scenarios with shorter faults).
import { catalog } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { outageEntry, runOutageScenario } from '@ndf/testkit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const scenarios: Record<string, (args: string[]) => Promise<void>> = {
  // A bad deploy of a role: DynamoDB answers AccessDenied to a service's writes for a minute.
  outage: async (args) => {
    const { values } = parseArgs({
      args,
      options: { seconds: { type: 'string', default: '60' }, messages: { type: 'string', default: '500' } },
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'ndf-chaos-outage-'));
    const stack = await startLocalStack(await ephemeralConfig('chaos-outage-', dataDir), {
      catalog: { ...catalog, services: [outageEntry] },
    });
    try {
      const figures = await runOutageScenario({ stack, faultMs: Number(values.seconds) * 1_000, messages: Number(values.messages) });
      console.log(
        `outage: ${Object.entries(figures)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')}`,
      );
      if (figures.quarantined > 0 || figures.done < figures.sent) process.exitCode = 1;
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

const [name, ...args] = process.argv.slice(2);
const scenario = name ? scenarios[name] : undefined;
if (!scenario) {
  console.error(`usage: npm run chaos -- <${Object.keys(scenarios).join('|')}> [options]`);
  process.exit(2);
}
await scenario(args);
