import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { matchesPattern } from '@ndf/catalog';
import { isDeepStrictEqual } from 'node:util';

export interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * A resource as a policy names it: the ARN of a construct of the app, with an optional path
 * after it ("/tenants/x"), or an ARN written out (what a stack names by name, not by reference).
 */
export type Target = { readonly construct: IConstruct; readonly path?: string } | { readonly arn: string };

const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

/** An expression made only of strings and pseudo parameters, as the string it becomes; undefined for anything else. */
function literal(expression: unknown): string | undefined {
  if (typeof expression === 'string') return expression;
  const ref = (expression as { Ref?: string })?.Ref;
  if (ref !== undefined) return PSEUDO[ref];
  const joined = (expression as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (!joined) return undefined;
  const parts = joined[1].map(literal);
  return parts.every((part) => part !== undefined) ? parts.join(joined[0]) : undefined;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of the inline policies attached to a role. */
export function roleStatements(template: Template, role: IConstruct): Statement[] {
  const logicalId = logicalIdOf(role);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((ref) => isDeepStrictEqual(ref, { Ref: logicalId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
}

/** Whether a template's expression is the ARN of that logical id: in its own stack (GetAtt), or imported from another. */
function isArnOf(expression: unknown, logicalId: string): boolean {
  if (isDeepStrictEqual(expression, { 'Fn::GetAtt': [logicalId, 'Arn'] })) return true;
  const imported = (expression as { 'Fn::ImportValue'?: unknown })?.['Fn::ImportValue'];
  return typeof imported === 'string' && new RegExp(`:ExportsOutputFnGetAtt${logicalId}Arn[0-9A-F]{8}$`).test(imported);
}

function grants(granted: unknown, target: Target): boolean {
  if ('arn' in target) {
    const written = literal(granted);
    return written !== undefined && matchesPattern(written, target.arn);
  }
  const logicalId = logicalIdOf(target.construct);
  if (target.path === undefined) return isArnOf(granted, logicalId);
  const joined = (granted as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (!joined || joined[1].length !== 2) return false;
  const [base, suffix] = joined[1];
  return isArnOf(base, logicalId) && typeof suffix === 'string' && matchesPattern(suffix, target.path);
}

/** Whether the statements allow the action on the target (no Deny is used by this app). */
export function allows(statements: Statement[], action: string, target: Target): boolean {
  return statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      asList(statement.Action).some((pattern) => matchesPattern(pattern, action)) &&
      asList(statement.Resource).some((granted) => grants(granted, target)),
  );
}

/** The statements that name the target, for their conditions. */
export function statementsOn(statements: Statement[], target: Target): Statement[] {
  return statements.filter((statement) => asList(statement.Resource).some((granted) => grants(granted, target)));
}

/** The partition-key patterns a statement is limited to, if any. */
export function leadingKeys(statement: Statement): string[] | undefined {
  const keys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  return keys === undefined ? undefined : asList(keys as string | string[]);
}
