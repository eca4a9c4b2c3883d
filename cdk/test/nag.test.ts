import { beforeAll, describe, expect, it } from 'vitest';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ACCEPTED } from '../src/nag-suppressions.js';
import { nagFindings, sharedPlatform, sharedSynthSeconds, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
  // A figure for the record, not a check: timings are measured by `pnpm bench cdk-synth`.
  console.log(
    `cdk synth (tests, bundling skipped, cdk-nag on): ${synthesized.stacks.length} stacks in ${sharedSynthSeconds?.toFixed(1)} s`,
  );
});

// Reading each stack's annotations walks the whole app: these checks take longer as the catalog
// grows (about 30 s with 50 services on a busy 2-core machine), which is no failure of theirs.
const WHOLE_APP_CHECK_MS = 180_000;

describe("cdk-nag's AwsSolutions pack, and the app's own checks", () => {
  it(
    'finds no error nor warning left unsuppressed in any stack',
    () => {
      for (const stack of synthesized.stacks) {
        const errors = nagFindings(stack, 'error');
        const warnings = nagFindings(stack, 'warning');
        console.log(`cdk-nag ${stack.stackName}: ${errors.length} errors, ${warnings.length} warnings`);
        expect(errors).toEqual([]);
        expect(warnings).toEqual([]);
      }
    },
    WHOLE_APP_CHECK_MS,
  );

  it(
    'leaves no error of any kind on the app (no lookup that needs AWS credentials, no invalid property)',
    () => {
      for (const stack of synthesized.stacks) expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    },
    WHOLE_APP_CHECK_MS,
  );

  it('accepts each finding it suppresses with a reason of its own', () => {
    const reasons = Object.values(ACCEPTED).map((finding) => finding.reason);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('writes every suppression with its reason into the templates', () => {
    const suppressions = synthesized.stacks.flatMap((stack) =>
      Object.values(
        synthesized.template(stack).toJSON().Resources as Record<
          string,
          { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }
        >,
      ).flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []),
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) expect(Object.values(ACCEPTED).map((finding) => finding.reason)).toContain(suppression.reason);
  });
});
