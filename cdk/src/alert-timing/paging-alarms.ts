import { TASK_STATE_CHANGE } from '../alarms/task-stopped-page.js';
import type { AlarmProperties, TemplateJson, TemplateResource } from './cloudwatch-alarm.js';

/** A metric alarm that pages, by component and alarm id (its name is `<prefix><component> <id>`). */
export interface PagingAlarm {
  readonly component: string;
  readonly id: string;
  readonly properties: AlarmProperties;
  readonly viaComposite: boolean;
}

const resourcesOf = (template: TemplateJson, type: string): [string, TemplateResource][] =>
  Object.entries(template.Resources ?? {}).filter(([, resource]) => resource.Type === type);

/** Every piece of a CloudFormation value: the strings and the logical ids it refers to with Fn::GetAtt. */
function walk(value: unknown, strings: string[], references: string[]): void {
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) for (const item of value) walk(item, strings, references);
  else if (value && typeof value === 'object') {
    const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') references.push(getAtt[0]);
    else for (const item of Object.values(value)) walk(item, strings, references);
  }
}

/** The alarms a composite alarm that acts pages for; only "any of them" rules are read (another rule pages later or not at all). */
function pagedThroughComposites(template: TemplateJson): Set<string> {
  const paged = new Set<string>();
  for (const [logicalId, composite] of resourcesOf(template, 'AWS::CloudWatch::CompositeAlarm')) {
    if (((composite.Properties?.AlarmActions as unknown[]) ?? []).length === 0) continue;
    const strings: string[] = [];
    const references: string[] = [];
    walk(composite.Properties?.AlarmRule, strings, references);
    if (/\b(AND|NOT)\b|OK\(|INSUFFICIENT_DATA\(/.test(strings.join(' ')))
      throw new Error(`${logicalId}: only composite rules that page on any of their alarms are timed.`);
    for (const reference of references) paged.add(reference);
  }
  return paged;
}

/** Every metric alarm that pages, through a composite alarm or by its own action, in the templates. */
export function pagingAlarms(templates: readonly TemplateJson[], prefix: string): PagingAlarm[] {
  return templates.flatMap((template) => {
    const paged = pagedThroughComposites(template);
    return resourcesOf(template, 'AWS::CloudWatch::Alarm').flatMap(([logicalId, resource]) => {
      const properties = resource.Properties as AlarmProperties;
      const viaComposite = paged.has(logicalId);
      if (!viaComposite && (properties.AlarmActions ?? []).length === 0) return [];
      const name = properties.AlarmName ?? logicalId;
      const space = name.lastIndexOf(' ');
      return [{ component: name.slice(prefix.length, space), id: name.slice(space + 1), properties, viaComposite }];
    });
  });
}

/** Whether an EventBridge rule of the templates sends ECS's stopped tasks somewhere (the on-call topic): it pages on the event itself. */
export const pagesOnTaskStopped = (templates: readonly TemplateJson[]): boolean =>
  templates.some((template) =>
    resourcesOf(template, 'AWS::Events::Rule').some(([, rule]) => {
      const pattern = rule.Properties?.EventPattern as { 'detail-type'?: string[] } | undefined;
      return (pattern?.['detail-type'] ?? []).includes(TASK_STATE_CHANGE) && ((rule.Properties?.Targets as unknown[]) ?? []).length > 0;
    }),
  );
