import { catalog } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { outageEntry, runOutageScenario } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run chaos -- outage` runs the same scenario with a 60 s fault and prints its figures.
const FAULT_MS = 8_000;
const MESSAGES = 500;

let stack: SharedStack;
beforeAll(async () => {
  stack = await useSharedStack('outage-', { ...catalog, services: [outageEntry] });
});
afterAll(async () => {
  await stack?.stop();
});

describe('an outage of DynamoDB that answers AccessDenied (a bad deploy of a role)', () => {
  it('opens the breaker and pauses consumption: no message is quarantined, and every one is done once access is back', async () => {
    const figures = await runOutageScenario({ stack, faultMs: FAULT_MS, messages: MESSAGES });
    console.log(`outage: ${JSON.stringify(figures)}`);
    expect(figures.quarantined).toBe(0);
    expect(figures.done).toBe(MESSAGES);
    expect(figures.breakerOpened).toBeGreaterThanOrEqual(1);
  }, 150_000);
});
