// The Node.js the cloud runs (Lambda nodejs24.x, the services' container image), pinned in
// .node-version, for the platform and the tests too. A machine whose Node is older gets that
// version from the npm registry (the node-<platform>-<arch> packages ship the official binary)
// into .tools/, and the command is run again under it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** The pinned version, e.g. "24.22.3". */
export function pinnedNodeVersion(root) {
  return readFileSync(join(root, '.node-version'), 'utf8').trim();
}

const major = (version) => Number(version.split('.')[0]);

/** Where the pinned Node's binaries live under .tools/ once installed. */
export function projectNodeBinDir(root) {
  return join(root, '.tools', `node-${pinnedNodeVersion(root)}`, 'bin');
}

/** Whether this process already runs a Node of the pinned major version. */
export function runsPinnedNode(root) {
  return major(process.versions.node) === major(pinnedNodeVersion(root));
}

function install(root, log) {
  const version = pinnedNodeVersion(root);
  const target = join(root, '.tools', `node-${version}`);
  const packageName = `node-${process.platform}-${process.arch}`;
  log(`▸ installing Node ${version} (${packageName} from the npm registry) into .tools/`);
  const scratch = mkdtempSync(join(os.tmpdir(), 'ndf-node-'));
  try {
    const packed = spawnSync('npm', ['pack', `${packageName}@${version}`, '--silent'], { cwd: scratch, encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`npm pack ${packageName}@${version} failed: ${packed.stderr || packed.stdout}`);
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    const extracted = spawnSync('tar', ['-xzf', tarball], { cwd: scratch, encoding: 'utf8' });
    if (extracted.status !== 0) throw new Error(`could not extract ${tarball}: ${extracted.stderr}`);
    mkdirSync(join(root, '.tools'), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(join(scratch, 'package'), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const check = spawnSync(join(target, 'bin', 'node'), ['--version'], { encoding: 'utf8' });
  if (check.stdout.trim() !== `v${version}`) throw new Error(`the installed Node answers ${check.stdout || check.stderr}`);
}

/**
 * Runs this very command again under the pinned Node when the machine's is another major
 * version, and exits with its status; returns when this process is already the right Node.
 * The pinned Node's folder goes first on PATH, so that every `node` started below is it too.
 */
export function ensureProjectNode(root, log = console.log) {
  if (runsPinnedNode(root)) return;
  const binDir = projectNodeBinDir(root);
  if (!existsSync(join(binDir, 'node'))) install(root, log);
  const env = { ...process.env, PATH: `${binDir}${os.platform() === 'win32' ? ';' : ':'}${process.env.PATH}` };
  const child = spawn(join(binDir, 'node'), process.argv.slice(1), { stdio: 'inherit', env });
  // Ctrl-C reaches the child directly (same process group): only wait for it here.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(signal ? 128 + (os.constants.signals[signal] ?? 1) : (code ?? 1)));
  // Nothing else in the caller may run: it continues only in the child.
  return new Promise(() => undefined);
}
