// `npm run rates -- load <file>`: loads daily reference exchange rates into the reference table
// (@ndf/rates-store). It acts on the laptop's running platform (`npm start`, its ports from the
// same NDF_PORT_* variables) unless AWS endpoints are set already, or on the cloud with `--cloud`
// (the usual AWS credentials, region and NDF_PREFIX).
import { DEFAULT_PREFIX, tableName } from '@ndf/catalog';
import { laptopAwsEnvironment } from '@ndf/local-stack';
import { runRatesCommand } from '@ndf/rates-store';
import { serviceClients } from '@ndf/runtime';

const cloud = process.argv.includes('--cloud');
const endpointsSet = Object.keys(process.env).some((name) => name.startsWith('AWS_ENDPOINT_URL') && process.env[name]);
const env = cloud || endpointsSet ? process.env : { ...process.env, ...laptopAwsEnvironment(process.env) };
const prefix = env.NDF_PREFIX ?? DEFAULT_PREFIX;
const { dynamodb } = serviceClients(env);
try {
  process.exitCode = await runRatesCommand(
    process.argv.slice(2).filter((arg) => arg !== '--cloud'),
    {
      dynamodb,
      referenceTable: tableName(prefix, 'reference'),
      notesTable: tableName(prefix, 'notes'),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    },
  );
} finally {
  dynamodb.destroy();
}
