// `npm run mileage -- recompute --tenant <t> --year <yyyy>`: recomputes a tenant's mileage year
// (a scale published in spring that applies from January). Like `npm run ops`, it acts on the
// laptop's running platform unless AWS endpoints are set, or on the cloud with `--cloud`.
import { laptopAwsEnvironment } from '@ndf/local-stack';
import { MILEAGE_USAGE, parseMileageCommand, recomputeTenantYear, scaleBookFrom } from '@ndf/mileage-calculator/recompute';
import { DEFAULT_PREFIX, tableName } from '@ndf/catalog';
import { serviceClients } from '@ndf/runtime';

const cloud = process.argv.includes('--cloud');
const endpointsSet = Object.keys(process.env).some((name) => name.startsWith('AWS_ENDPOINT_URL') && process.env[name]);
const env = cloud || endpointsSet ? process.env : { ...process.env, ...laptopAwsEnvironment(process.env) };
const command = parseMileageCommand(process.argv.slice(2).filter((arg) => arg !== '--cloud'));
if ('error' in command) {
  process.stderr.write(`${command.error}\n${MILEAGE_USAGE}\n`);
  process.exitCode = 2;
} else {
  // Clients built as the services build theirs, so the command sees what they see.
  const { dynamodb } = serviceClients(env);
  try {
    const dependencies = { dynamodb, notesTable: tableName(env.NDF_PREFIX ?? DEFAULT_PREFIX, 'notes'), scales: scaleBookFrom(env) };
    const results = await recomputeTenantYear(dependencies, command.tenant, command.year, command.users);
    for (const { owner, result } of results)
      process.stdout.write(
        `${owner}\t${result.year}\t${result.notes} notes\t${result.stagesWritten} stages changed\tadjustment ${result.adjustment.total.value} EUR\n`,
      );
    process.stdout.write(`${results.length} employees recomputed.\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    dynamodb.destroy();
  }
}
