/** No quarantined message has this id in this service. */
export class QuarantineNotFoundError extends Error {
  override readonly name: string = 'QuarantineNotFoundError';

  constructor(service: string, id: string) {
    super(`no quarantined message ${id} in ${service}`);
  }
}

/** The action does not apply to the record as it is now (replaying a discarded message, ...). */
export class QuarantineStateError extends Error {
  override readonly name: string = 'QuarantineStateError';
}

/** Replay and discard are operators' actions: refused to any other caller. */
export class OperatorRequiredError extends Error {
  override readonly name: string = 'OperatorRequiredError';
}

/** An audit entry is written once: a second write to its key is refused, never applied. */
export class AuditEntryExistsError extends Error {
  override readonly name: string = 'AuditEntryExistsError';
}
