#!/usr/bin/env node
// `npm run test:changed [-- <git ref>]`: what `npm test` checks, for what a change touches only.
// The changed files are the working tree's against HEAD (staged, unstaged and new files), or
// everything since <git ref> (`npm run test:changed -- main` before pushing a branch). Format
// and lint look at those files; the typecheck covers the whole program, incrementally (its
// state is kept in node_modules/.cache), since a change can break a caller in another package;
// vitest runs the test files that import a changed module, through its module graph.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [since] = process.argv.slice(2);

function git(args) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.split('\n').filter(Boolean);
}

function step(title, script, args) {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(process.execPath, [join(root, 'node_modules', script), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const changed = [
  ...new Set([...git(['diff', '--name-only', '--diff-filter=d', since ?? 'HEAD']), ...git(['ls-files', '--others', '--exclude-standard'])]),
].filter((file) => existsSync(join(root, file)));
if (changed.length === 0) {
  console.log(`Nothing changed since ${since ?? 'the last commit'}.`);
  process.exit(0);
}
console.log(`${changed.length} file(s) changed since ${since ?? 'the last commit'}.`);

const sources = changed.filter((file) => /\.(ts|mts|js|mjs|cjs)$/.test(file));
step('format', 'prettier/bin/prettier.cjs', ['--check', '--ignore-unknown', '--log-level=warn', ...changed]);
if (sources.length > 0) step('lint', 'eslint/bin/eslint.js', ['--max-warnings=0', '--no-warn-ignored', ...sources]);
step('typecheck', 'typescript/bin/tsc', [
  '-p',
  'tsconfig.json',
  '--incremental',
  '--tsBuildInfoFile',
  'node_modules/.cache/tsc/changed.tsbuildinfo',
]);
step('tests of what changed', 'vitest/vitest.mjs', ['run', '--changed', ...(since ? [since] : []), '--passWithNoTests']);
