#!/usr/bin/env node
// The two newcomer commands (`npm start`, `npm test`) land here. This file runs on a bare
// Node 20+ with nothing installed: it runs itself again under the Node the cloud runs
// (.node-version, installed into .tools/ when the machine's is older), installs the pinned
// pnpm into .tools/, the workspace dependencies, and DynamoDB Local, then hands over to the
// workspace's own scripts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureProjectNode } from './lib/project-node.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [command = 'help', ...rest] = process.argv.slice(2);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) fail(`Node 20.11 or newer is required (found ${process.versions.node}).`);

await ensureProjectNode(root);

const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const toolsDir = join(root, '.tools', `pnpm-${pnpmVersion}`);
const pnpmBin = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

// npm passes its own configuration down as npm_config_* variables, which pnpm would read too.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
cleanEnv.PATH = [join(root, 'node_modules', '.bin'), join(toolsDir, 'node_modules', '.bin'), cleanEnv.PATH].join(':');

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: cleanEnv, ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  if (result.signal) process.exit(128 + (os.constants.signals[result.signal] ?? 1));
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Runs the long-lived command and waits for it to stop cleanly. Ctrl-C already reaches it
 * (same process group), so SIGINT is only waited out here; SIGTERM is passed on.
 */
function handOver(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: cleanEnv });
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(signal ? 128 + (os.constants.signals[signal] ?? 1) : (code ?? 1)));
}

function pnpm(args) {
  run(process.execPath, [pnpmBin, ...args]);
}

function setup() {
  console.log(`▸ Node ${process.version} (.node-version)`);
  if (!existsSync(pnpmBin)) {
    console.log(`▸ installing pnpm ${pnpmVersion} into .tools/`);
    run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `pnpm@${pnpmVersion}`]);
  }
  console.log('▸ installing workspace dependencies (pnpm install --frozen-lockfile)');
  // onnxruntime-node's install script (not run by pnpm: pnpm-workspace.yaml) would fetch CUDA libraries from NuGet; its documented switch keeps it CPU only.
  run(process.execPath, [pnpmBin, 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'], {
    env: { ...cleanEnv, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  pnpm(['--filter', '@ndf/local-stack', 'run', 'install-emulators']);
}

switch (command) {
  case 'setup':
    setup();
    break;
  case 'start':
    setup();
    handOver(process.execPath, ['--conditions=development', '--import', 'tsx', 'packages/monitor/src/cli/start.ts', ...rest]);
    break;
  case 'test':
    setup();
    pnpm(['run', 'check', ...rest]);
    break;
  case 'cdk':
    // The CDK CLI in cdk/, with the project's pnpm on PATH: Lambda bundling runs esbuild through it.
    setup();
    run(process.execPath, [join(root, 'cdk', 'node_modules', 'aws-cdk', 'bin', 'cdk'), ...rest], { cwd: join(root, 'cdk') });
    break;
  case 'node':
    // The workspace's other scripts (bench, token, new:service, ...) run on the project's Node through here.
    run(process.execPath, rest);
    break;
  default:
    console.log('usage: npm start | npm test | npm run setup | npm run cdk -- <cdk command> | node scripts/dev.mjs node <args>');
}
