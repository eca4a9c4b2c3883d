// `npm run ops -- <command>`: the on-call command line (@ndf/ops).
import { runOps } from '@ndf/ops';

process.exitCode = await runOps(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
