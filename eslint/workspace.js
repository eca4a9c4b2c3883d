// The workspace's layers as ESLint sees them: which packages are local-only, which are services,
// where each file belongs, and two rules no built-in rule covers: a relative import that leaves
// its package, and a cycle in the graph the package.json files declare.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Packages for a laptop and for tests only: production code (src/) must never import them. */
export const LOCAL_ONLY_PACKAGES = [
  '@ndf/local-stack',
  '@ndf/api-gateway-local',
  '@ndf/testkit',
  '@ndf/receipt-fixtures',
  '@ndf/service-host',
  '@ndf/monitor',
];

/** The workspace's package folders, as pnpm-workspace.yaml lists them. */
const PACKAGE_PARENTS = ['packages', 'services'];
const SINGLE_PACKAGES = ['cdk', 'test', 'templates/service'];

export function packageFolders(root) {
  const nested = PACKAGE_PARENTS.flatMap((parent) =>
    existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((name) => join(parent, name)) : [],
  );
  return [...nested, ...SINGLE_PACKAGES].filter((folder) => existsSync(join(root, folder, 'package.json')));
}

export function serviceNames(root) {
  return existsSync(join(root, 'services'))
    ? readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'package.json')))
    : [];
}

/** `@ndf/x` and every subpath of it (`@ndf/x/lib`). */
export const withSubpaths = (names) => names.flatMap((name) => [name, `${name}/*`]);

/** The cycles of a graph given as adjacency lists, each as the path that closes it (a → b → a). */
export function findCycles(graph) {
  const cycles = [];
  const seen = new Set();
  const state = new Map();
  const visit = (node, path) => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(' ');
        if (!seen.has(key)) {
          cycles.push(cycle);
          seen.add(key);
        }
      } else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node, [node]);
  return cycles;
}

/** The workspace's packages by name, each with the workspace packages it depends on (dev dependencies included). */
export function workspaceGraph(root) {
  const graph = new Map();
  const manifests = packageFolders(root).map((folder) => JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')));
  const names = new Set(manifests.map((manifest) => manifest.name));
  for (const manifest of manifests) {
    const declared = {
      ...manifest.dependencies,
      ...manifest.devDependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    };
    graph.set(
      manifest.name,
      Object.keys(declared)
        .filter((name) => names.has(name) && name !== manifest.name)
        .sort(),
    );
  }
  return graph;
}

const noPackageCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'The workspace packages (package.json dependencies and devDependencies) form no cycle.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      cycle:
        'The package.json files make a dependency cycle: {{cycle}}. A package below may not depend, even for its tests, on one above it: move what both need down (a package they share) or the test up.',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? dirname(context.filename);
    return {
      Program(node) {
        for (const cycle of findCycles(workspaceGraph(root)))
          context.report({ node, messageId: 'cycle', data: { cycle: cycle.join(' → ') } });
      },
    };
  },
};

/** The folder of the workspace package a file belongs to, relative to the root; undefined outside any. */
function packageOf(root, file) {
  const path = relative(root, file).split(sep);
  if (PACKAGE_PARENTS.includes(path[0]) && path.length > 2) return join(path[0], path[1]);
  const single = SINGLE_PACKAGES.find((folder) => relative(root, file).startsWith(folder + sep));
  return single;
}

const noRelativeImportAcrossPackages = {
  meta: {
    type: 'problem',
    docs: { description: 'A relative import stays inside its package: another package is reached through its name and its exports.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      across:
        '"{{source}}" reaches into {{target}} from {{from}}: import the package by its name, or move what is shared into a package both use.',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? process.cwd();
    const from = packageOf(root, context.filename);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = packageOf(root, resolve(dirname(context.filename), source));
      // The root's own tooling (scripts/, eslint/) is not a package's internals.
      if (target !== undefined && target !== from)
        context.report({ node, messageId: 'across', data: { source, from: from ?? 'the root', target } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const workspacePlugin = {
  meta: { name: 'workspace' },
  rules: { 'no-package-cycle': noPackageCycle, 'no-relative-import-across-packages': noRelativeImportAcrossPackages },
};
