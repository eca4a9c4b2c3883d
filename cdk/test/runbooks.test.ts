import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from '../src/paths.js';
import { EVENT_RUNBOOK_KINDS } from '@ndf/catalog';
import { RUNBOOKS_FOLDER, runbookLink } from '../src/alarms/runbooks.js';
import { sharedPlatform, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

interface AlarmDescribed {
  readonly name: string;
  readonly description: string | undefined;
}

/** Every alarm and composite alarm of every stack, by its name (or logical id) and description. */
const everyAlarm = (): AlarmDescribed[] =>
  synthesized.stacks.flatMap((stack) => {
    const template = synthesized.template(stack);
    return ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'].flatMap((type) =>
      Object.entries(template.findResources(type)).map(([logicalId, resource]) => {
        const properties = resource.Properties as { AlarmName?: string; AlarmDescription?: string };
        return { name: `${stack.stackName}/${properties.AlarmName ?? logicalId}`, description: properties.AlarmDescription };
      }),
    );
  });

const RUNBOOK_IN_DESCRIPTION = new RegExp(`Runbook: (${RUNBOOKS_FOLDER}/[a-z0-9-]+\\.md)$`);

describe('runbooks', () => {
  it('links an existing runbook from the description of every alarm of every stack', () => {
    const alarms = everyAlarm();
    expect(alarms.length).toBeGreaterThan(0);
    const broken = alarms
      .map(({ name, description }) => ({ name, path: RUNBOOK_IN_DESCRIPTION.exec(description ?? '')?.[1] }))
      .filter(({ path }) => path === undefined || !existsSync(join(WORKSPACE_ROOT, path)))
      .map(({ name, path }) => `${name}: ${path ?? 'no runbook in its description'}`);
    expect(broken).toEqual([]);
  });

  it('has no runbook that no alarm links (the folder holds its index and the pages of events besides)', () => {
    const linked = new Set(everyAlarm().map(({ description }) => RUNBOOK_IN_DESCRIPTION.exec(description ?? '')?.[1]));
    // An event (a task stopped) pages through its own rule, not through an alarm.
    const notAlarms = new Set(['README.md', ...EVENT_RUNBOOK_KINDS.map((kind) => `${kind}.md`)]);
    const files = readdirSync(join(WORKSPACE_ROOT, RUNBOOKS_FOLDER)).filter((file) => !notAlarms.has(file));
    expect(files.filter((file) => !linked.has(`${RUNBOOKS_FOLDER}/${file}`))).toEqual([]);
  });

  it("links the runbook under the repository's web address when the deployment gives one", () => {
    expect(runbookLink('breaker-open')).toBe('docs/runbooks/breaker-open.md');
    expect(runbookLink('breaker-open', 'https://git.example.com/ndf/blob/main/')).toBe(
      'https://git.example.com/ndf/blob/main/docs/runbooks/breaker-open.md',
    );
  });
});
