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
