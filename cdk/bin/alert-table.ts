// `npm run alert-table`: the time from each fault of the alert benchmark to the page in the
// cloud, derived from the synthesized templates; `-- --write` puts the table in the README.
// Exits with 1 when a fault would not page within a minute.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { catalog, assertCatalog } from '@ndf/catalog';
import { alertTable, withAlertTable } from '../src/alert-timing/alert-table.js';
import { faultTimings, faultsPastTheMinute, PAGE_WITHIN_SECONDS } from '../src/alert-timing/faults.js';
import { platformTemplates } from '../src/alert-timing/platform-templates.js';
import { deploymentConfig } from '../src/config.js';
import { WORKSPACE_ROOT } from '../src/paths.js';

const { values } = parseArgs({ options: { write: { type: 'boolean', default: false } } });
assertCatalog(catalog);
const config = deploymentConfig(() => undefined);
const timings = faultTimings(platformTemplates(catalog, config), config.prefix);
const table = alertTable(timings);
console.log(table);
if (values.write) {
  const readme = join(WORKSPACE_ROOT, 'README.md');
  writeFileSync(readme, withAlertTable(readFileSync(readme, 'utf8'), table));
  console.log('\nREADME.md updated.');
}
const late = faultsPastTheMinute(timings);
for (const { fault, worst } of late)
  console.error(`${fault.fault}: ${worst ? `does not page within ${PAGE_WITHIN_SECONDS} s` : 'no alarm pages for it'}`);
if (late.length > 0) process.exitCode = 1;
