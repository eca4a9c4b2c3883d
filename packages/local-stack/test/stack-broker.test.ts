import type { LocalStackEndpoints, StackConfig } from '../src/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startStackBroker, type BrokeredStack, type StackBroker } from '../src/testing/stack-broker.js';

// The broker's own rules, with a stand-in for the stack: starting one is what the other test files do.
const endpoints = { dynamodb: 'http://127.0.0.1:1' } as LocalStackEndpoints;
let starts = 0;
let stops = 0;
const standIn = async (): Promise<BrokeredStack> => {
  starts += 1;
  return {
    config: { prefix: 'shared-' } as StackConfig,
    endpoints,
    issuer: { audience: 'ndf-local-app' },
    stop: async () => void (stops += 1),
  };
};

let broker: StackBroker | undefined;
afterEach(async () => {
  await broker?.stop();
  broker = undefined;
  starts = 0;
  stops = 0;
});

const ask = (prefix: string, testFile: string) =>
  fetch(`${broker!.url}/stack`, { method: 'POST', body: JSON.stringify({ prefix, testFile }) });

describe('the shared stack broker', () => {
  it('starts the stack on the first request only, and once for every file', async () => {
    broker = await startStackBroker(standIn);
    expect(broker.started).toBe(false);
    const answers = await Promise.all([ask('a-', 'a.test.ts'), ask('b-', 'b.test.ts'), ask('c-', 'c.test.ts')]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(await answers[0]!.json()).toEqual({ config: { prefix: 'shared-' }, endpoints, audience: 'ndf-local-app' });
    expect(broker.started).toBe(true);
    expect(starts).toBe(1);
  });

  it("refuses a file the prefix of another, and gives a file its own prefix again (watch mode's rerun)", async () => {
    broker = await startStackBroker(standIn);
    expect((await ask('once-', 'runtime/once.test.ts')).status).toBe(200);
    const refused = await ask('once-', 'ocr/handler.test.ts');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toBe('The prefix "once-" is already used by runtime/once.test.ts.');
    expect((await ask('once-', 'runtime/once.test.ts')).status).toBe(200);
  });

  it('stops the stack it started with itself, and starts none when no file asked', async () => {
    broker = await startStackBroker(standIn);
    await ask('a-', 'a.test.ts');
    await broker.stop();
    expect(stops).toBe(1);
    broker = await startStackBroker(standIn);
    await broker.stop();
    expect(starts).toBe(1);
    expect(stops).toBe(1);
  });
});
