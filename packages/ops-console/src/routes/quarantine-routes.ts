import {
  OperatorRequiredError,
  QUARANTINE_STATUSES,
  QuarantineNotFoundError,
  QuarantineStateError,
  searchQuarantine,
  TransientError,
  type DynamoQuarantineStore,
  type QuarantineStatus,
} from '@ndf/runtime';
import { HttpProblem, optionalText, readJsonObject, wholeNumber } from '../http-problem.js';
import type { ApiRoute } from './route.js';

export const QUARANTINE_ROUTES = {
  list: '/api/quarantine',
  show: '/api/quarantine/:service/:id',
  replay: '/api/quarantine/:service/:id/replay',
  discard: '/api/quarantine/:service/:id/discard',
} as const;

const LIMIT = { min: 1, max: 500, fallback: 100 };

function statusOf(value: string | null): QuarantineStatus | undefined {
  if (value === null || value === '') return undefined;
  if (!(QUARANTINE_STATUSES as readonly string[]).includes(value))
    throw new HttpProblem(400, `status must be one of ${QUARANTINE_STATUSES.join(', ')}, not "${value}".`, 'status');
  return value as QuarantineStatus;
}

/** The store's refusals, as answers: not there 404, not in a state that allows it 409, busy 503. */
function refusal(error: unknown): never {
  if (error instanceof QuarantineNotFoundError) throw new HttpProblem(404, error.message);
  if (error instanceof QuarantineStateError) throw new HttpProblem(409, error.message);
  if (error instanceof OperatorRequiredError) throw new HttpProblem(403, error.message);
  if (error instanceof TransientError) throw new HttpProblem(503, error.message);
  throw error;
}

/**
 * The quarantine through the runtime's store, as `ops quarantine` uses it: list (by service,
 * tenant, error class, status), show, replay and discard, each action audited under the
 * operator of the request's token.
 */
export function quarantineRoutes(quarantine: DynamoQuarantineStore): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: QUARANTINE_ROUTES.list,
      handle: async ({ url }) => {
        const query = url.searchParams;
        const service = optionalText(query.get('service'), 'service', 100);
        const tenant = optionalText(query.get('tenant'), 'tenant', 100);
        const errorName = optionalText(query.get('error'), 'error', 100);
        const status = statusOf(query.get('status'));
        const items = await searchQuarantine(quarantine, {
          ...(service ? { service } : {}),
          ...(tenant ? { tenant } : {}),
          ...(errorName ? { errorName } : {}),
          ...(status ? { status } : {}),
          limit: wholeNumber(query.get('limit'), 'limit', LIMIT),
        });
        return { items };
      },
    },
    {
      method: 'GET',
      path: QUARANTINE_ROUTES.show,
      handle: async ({ params }) => {
        const record = await quarantine.show(params.service!, params.id!);
        if (!record) throw new HttpProblem(404, `No quarantined message ${params.id} for ${params.service}.`);
        return record;
      },
    },
    {
      method: 'POST',
      path: QUARANTINE_ROUTES.replay,
      handle: async ({ params, request, operator }) => {
        const body = await readJsonObject(request);
        const reason = optionalText(body.reason, 'reason');
        const queueName = optionalText(body.queueName, 'queueName', 200);
        return quarantine
          .replay(params.service!, params.id!, { operator, ...(reason ? { reason } : {}), ...(queueName ? { queueName } : {}) })
          .catch(refusal);
      },
    },
    {
      method: 'POST',
      path: QUARANTINE_ROUTES.discard,
      handle: async ({ params, request, operator }) => {
        const reason = optionalText((await readJsonObject(request)).reason, 'reason');
        if (!reason) throw new HttpProblem(400, 'reason is required: say why the message is discarded.', 'reason');
        await quarantine.discard(params.service!, params.id!, { operator, reason }).catch(refusal);
        return { discarded: true, service: params.service, id: params.id, reason };
      },
    },
  ];
}
