import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LOCAL_ONLY_PACKAGES, serviceNames, withSubpaths, workspacePlugin } from './eslint/workspace.js';

const root = dirname(fileURLToPath(import.meta.url));
const services = serviceNames(root);
const localOnlyFolders = LOCAL_ONLY_PACKAGES.map((name) => name.replace('@ndf/', ''));
const CODE = '**/*.{ts,js,mjs}';

const localOnly = {
  group: withSubpaths(LOCAL_ONLY_PACKAGES),
  message:
    'Local-only (emulators, test tools, fixtures): production code (src/) never imports it. Keep it in test/, bench/ or a local/ adapter.',
};
const servicesBut = (own) => ({
  group: withSubpaths(services.filter((service) => service !== own).map((service) => `@ndf/${service}`)),
  message:
    'Another service: services share no code with each other. Move what both need into a package (core, contracts, receipt-pipeline, testkit, receipt-fixtures), or a cross-service test or bench into test/.',
});
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The same packages, also through a dynamic import(), which no-restricted-imports does not see. */
const dynamicImports = (patterns) =>
  patterns
    .filter(({ group }) => group.length > 0)
    .map(({ group, message }) => {
      const names = group.filter((name) => !name.endsWith('/*')).map(escape);
      return { selector: `ImportExpression > Literal[value=/^(${names.join('|')})(\\/|$)/]`, message };
    });
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
  'no-restricted-syntax': ['error', ...dynamicImports(patterns)],
});

// The layers (see README, "Layers"): production code is src/ of every package and service, the
// CDK app, and the service template; local-only packages are for laptops and tests.
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**', '.tools/**', '.data/**', 'test/lint/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    plugins: { workspace: workspacePlugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'workspace/no-relative-import-across-packages': ['error', { root }],
    },
  },
  // The package.json graph is checked once per lint run, here.
  { files: ['eslint.config.js'], rules: { 'workspace/no-package-cycle': ['error', { root }] } },
  {
    files: [`packages/*/src/${CODE}`, `cdk/{src,bin}/${CODE}`, `templates/service/src/${CODE}`],
    ignores: localOnlyFolders.map((folder) => `packages/${folder}/src/**`),
    rules: restrict(localOnly, servicesBut(undefined)),
  },
  { files: [`packages/*/{test,bench}/${CODE}`], rules: restrict(servicesBut(undefined)) },
  // The system tests share one worker: an environment set for one file leaks into every later one. Build an API with
  // its app factory (`@ndf/<api>/app`) and pass a child process its own env instead.
  {
    files: [`test/${CODE}`],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'AssignmentExpression > MemberExpression.left[object.object.name="process"][object.property.name="env"]',
          'UnaryExpression[operator="delete"] > MemberExpression[object.object.name="process"][object.property.name="env"]',
          'CallExpression[callee.object.name="Object"][callee.property.name="assign"] > MemberExpression.arguments:first-child[object.name="process"][property.name="env"]',
        ].map((selector) => ({
          selector,
          message: "A system test never changes the process's environment: the test files of a worker share it.",
        })),
      ],
    },
  },
  ...services.flatMap((service) => [
    { files: [`services/${service}/src/${CODE}`], rules: restrict(localOnly, servicesBut(service)) },
    { files: [`services/${service}/{test,bench,local}/${CODE}`], rules: restrict(servicesBut(service)) },
  ]),
);
