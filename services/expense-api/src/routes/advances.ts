import { randomUUID } from 'node:crypto';
import {
  advanceKey,
  fromMinorUnits,
  moneyProblem,
  toMinorUnits,
  type Advance,
  type AdvanceItem,
  type AdvanceList,
  type AdvanceRequest,
} from '@ndf/contracts';
import { invalid, json, ProblemError, readJsonBody, requireRole } from '@ndf/http-api';
import type { AuthorizedContext } from './route.js';

const PAYERS = ['accountant', 'admin'] as const;

function advanceView(item: AdvanceItem): Advance {
  return {
    advanceId: item.advanceId,
    employee: item.employee,
    amount: item.amount,
    date: item.paidAt.slice(0, 10),
    ...(item.reason === undefined ? {} : { reason: item.reason }),
    ...(item.recordedBy === undefined ? {} : { recordedBy: item.recordedBy }),
    remaining: item.remaining,
    deductions: item.deductions,
  };
}

const sameMoney = (a: AdvanceItem['amount'], b: AdvanceItem['amount']) => a.currency === b.currency && toMinorUnits(a) === toMinorUnits(b);

function readAdvance(context: AuthorizedContext): AdvanceRequest {
  const body = readJsonBody(context.event, { maxBytes: context.deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const errors = context.validators.advanceRequest(body);
  if (errors.length > 0) throw invalid(errors);
  const request = body as AdvanceRequest;
  // The batcher deducts advances from what it owes in the tenant's currency.
  if (request.amount.currency !== 'EUR')
    throw invalid([
      { field: '/amount/currency', in: 'body', code: 'currency_mismatch', detail: 'An advance is in EUR, as the batches are.' },
    ]);
  if (moneyProblem(request.amount) !== undefined)
    throw invalid([{ field: '/amount/value', in: 'body', code: 'too_many_decimals', detail: 'At most 2 decimals in EUR.' }]);
  if (toMinorUnits(request.amount) <= 0n)
    throw invalid([{ field: '/amount/value', in: 'body', code: 'too_small', detail: 'An advance is above 0.' }]);
  return request;
}

/** A cash advance paid to an employee: an ADVANCE item their next batches deduct. A replayed Idempotency-Key answers the advance it recorded. */
export async function recordAdvance(context: AuthorizedContext) {
  const scope = requireRole(context.scope, PAYERS, 'Recording a cash advance');
  const key = context.event.headers['idempotency-key'];
  const keyErrors = context.validators.writeKey(key);
  if (keyErrors.length > 0 || key === undefined) throw invalid(keyErrors);
  const request = readAdvance(context);
  const advanceId = randomUUID();
  const amount = fromMinorUnits(toMinorUnits(request.amount), 'EUR');
  const item: AdvanceItem = {
    ...advanceKey(scope, request.employee, advanceId),
    type: 'ADVANCE',
    tenant: scope.tenant,
    employee: request.employee,
    advanceId,
    amount,
    paidAt: `${request.date}T00:00:00.000Z`,
    remaining: amount,
    deductions: [],
    takenBy: [],
    reason: request.reason,
    recordedBy: scope.user,
  };
  const { item: recorded } = await context.advances.record(scope, key, item, context.signal);
  const same =
    recorded.employee === item.employee &&
    sameMoney(recorded.amount, item.amount) &&
    recorded.paidAt === item.paidAt &&
    recorded.reason === item.reason;
  if (!same)
    throw new ProblemError(
      409,
      'idempotency_conflict',
      'This Idempotency-Key was already used for another advance: use a new key for another one.',
    );
  return json(201, advanceView(recorded));
}

export async function listAdvances(context: AuthorizedContext) {
  const scope = requireRole(context.scope, PAYERS, 'Reading the cash advances');
  const { value, errors } = context.validators.advancesQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const { employee } = value as { employee?: string };
  const list: AdvanceList = { items: (await context.advances.list(scope, employee, context.signal)).map(advanceView) };
  return json(200, list);
}
