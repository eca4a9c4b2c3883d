import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR, NODE_VERSION, lambdaNodeRuntime } from '../src/node-runtime.js';
import { WORKSPACE_ROOT } from '../src/paths.js';

// One Node.js everywhere: the Lambdas, the services' container image, and the laptop and CI
// (scripts/dev.mjs runs the commands under .node-version's Node).
describe('the Node.js version', () => {
  it('is the same major version in .node-version, the Lambda runtime and the container image', () => {
    expect(NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lambdaNodeRuntime().name).toBe(`nodejs${NODE_MAJOR}.x`);
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, 'cdk', 'container', 'service.Dockerfile'), 'utf8');
    const image = /^ARG NODE_IMAGE=\S+\/node:(\d+)-/m.exec(dockerfile);
    expect(image?.[1]).toBe(String(NODE_MAJOR));
  });

  it('is the version this test suite runs on', () => {
    expect(process.versions.node.split('.')[0]).toBe(String(NODE_MAJOR));
  });
});
