import { beforeAll, describe, expect, it } from 'vitest';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ACCEPTED } from '../src/nag-suppressions.js';
import type { Platform } from '../src/platform.js';
import { nagFindings, sharedPlatform, type SynthesizedPlatform } from './platform-fixture.js';

const STACKS = ['data', 'ingest', 'pipeline', 'services', 'observability'] as const satisfies readonly (keyof Platform)[];

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
  for (const stack of STACKS) synthesized.template(stack);
});

describe("cdk-nag's AwsSolutions pack, and the app's own checks", () => {
  it.each(STACKS)('finds no error left unsuppressed in the %s stack', (stack) => {
    const errors = nagFindings(synthesized.platform[stack], 'error');
    const warnings = nagFindings(synthesized.platform[stack], 'warning');
    console.log(`cdk-nag ${stack}: ${errors.length} errors, ${warnings.length} warnings`);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('leaves no error of any kind on the app (no lookup that needs AWS credentials, no invalid property)', () => {
    for (const stack of STACKS) expect(Annotations.fromStack(synthesized.platform[stack]).findError('*', Match.anyValue())).toEqual([]);
  });

  it('accepts each finding it suppresses with a reason of its own', () => {
    const reasons = Object.values(ACCEPTED).map((finding) => finding.reason);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('writes every suppression with its reason into the templates', () => {
    const suppressions = STACKS.flatMap((stack) =>
      Object.values(synthesized.template(stack).toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }>).flatMap(
        (resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? [],
      ),
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) expect(Object.values(ACCEPTED).map((finding) => finding.reason)).toContain(suppression.reason);
  });
});
