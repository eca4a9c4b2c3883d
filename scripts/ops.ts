// `npm run ops -- <command>`: the on-call command line (@ndf/ops). It acts on the laptop's running
// platform (`npm start`, its ports from the same NDF_PORT_* variables) unless AWS endpoints are
// set already, or on the cloud with `--cloud` (the usual AWS credentials, region and NDF_PREFIX).
import { configFromEnvironment, laptopAwsEnvironment, LOOPBACK } from '@ndf/local-stack';
import { runOps } from '@ndf/ops';

/** The running platform's token issuer, where `ops console` gets an operator token. */
const laptopIssuer = () => `http://${LOOPBACK}:${configFromEnvironment(process.env, undefined).ports.issuer}`;

const cloud = process.argv.includes('--cloud');
const endpointsSet = Object.keys(process.env).some((name) => name.startsWith('AWS_ENDPOINT_URL') && process.env[name]);
process.exitCode = await runOps(
  process.argv.slice(2).filter((arg) => arg !== '--cloud'),
  {
    env: cloud || endpointsSet ? process.env : { ...process.env, ...laptopAwsEnvironment(process.env), NDF_JWT_ISSUER: laptopIssuer() },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
);
