import { parseArgs } from 'node:util';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mileageYearPrefix, mileageYearsPartition, tenantScope } from '@ndf/contracts';
import { recomputeEmployeeYear, type DynamoCall, type EmployeeYearResult, type MileageDependencies } from './recompute.js';

import { CARRY_FORWARD_VARIABLE } from './scales.js';

export { scaleBookFrom } from './scales.js';
export type { MileageDependencies } from './recompute.js';

/** One DynamoDB call's deadline in the command, as the service's own deadline would bound it. */
const CALL_TIMEOUT_MS = 10_000;
const callWithTimeout: DynamoCall = (work) => work(AbortSignal.timeout(CALL_TIMEOUT_MS));

/** The employees with a mileage year in the tenant: one Query on the tenant's mileage partition. */
async function employeesOfYear(dependencies: MileageDependencies, tenant: string, year: number): Promise<string[]> {
  const scope = tenantScope({ tenant, user: 'mileage-calculator', roles: [] });
  const owners: string[] = [];
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await callWithTimeout((signal) =>
      dependencies.dynamodb.send(
        new QueryCommand({
          TableName: dependencies.notesTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
          ProjectionExpression: '#owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: marshall({ ':pk': mileageYearsPartition(scope), ':year': mileageYearPrefix(year) }),
          ConsistentRead: true,
          ExclusiveStartKey: start as never,
        }),
        { abortSignal: signal },
      ),
    );
    owners.push(...(page.Items ?? []).map((item) => unmarshall(item).owner as string));
    start = page.LastEvaluatedKey;
  } while (start);
  return owners;
}

/**
 * Recomputes a tenant's mileage year for every employee who has one (or for the given ones), as
 * a new note would: after a scale published in spring that applies from January, each frozen
 * note's difference lands in its employee's year as an adjustment to pay or recover.
 */
export async function recomputeTenantYear(
  dependencies: MileageDependencies,
  tenant: string,
  year: number,
  owners?: readonly string[],
): Promise<{ owner: string; result: EmployeeYearResult }[]> {
  const results: { owner: string; result: EmployeeYearResult }[] = [];
  for (const owner of owners ?? (await employeesOfYear(dependencies, tenant, year))) {
    const employee = tenantScope({ tenant, user: owner, roles: [] });
    results.push({ owner, result: await recomputeEmployeeYear(dependencies, callWithTimeout, employee, year) });
  }
  return results;
}

export const MILEAGE_USAGE = `usage: npm run mileage -- recompute --tenant <tenant> --year <yyyy> [--user <employee>]...
Recomputes the tenant's mileage year (every employee who has one, or those named) with the
scales the platform knows (and ${CARRY_FORWARD_VARIABLE}), and prints each employee's
adjustment to pay (+) or recover (-).`;

/** `npm run mileage -- <args>`: what to run, or the usage when the arguments are not a command. */
export function parseMileageCommand(args: readonly string[]): { tenant: string; year: number; users?: string[] } | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { tenant: { type: 'string' }, year: { type: 'string' }, user: { type: 'string', multiple: true } },
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'recompute') return { error: 'The only command is recompute.' };
  if (!values.tenant) return { error: '--tenant is required.' };
  if (!values.year || !/^\d{4}$/.test(values.year)) return { error: '--year is required, as yyyy.' };
  return { tenant: values.tenant, year: Number(values.year), ...(values.user ? { users: values.user } : {}) };
}
