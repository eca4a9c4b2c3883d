/** A thrown value described for logs and error histories, whatever it is. */
export interface ErrorDescription {
  readonly errorName: string;
  readonly message: string;
}

/** Describes anything a handler may throw: an Error, a string, undefined, an object without a prototype. Never throws itself. */
export function describeError(error: unknown): ErrorDescription {
  try {
    if (error instanceof Error) return { errorName: String(error.name), message: String(error.message) };
    const errorName = error === null ? 'null' : typeof error;
    if (typeof error !== 'object') return { errorName, message: String(error) };
    return { errorName, message: JSON.stringify(error) ?? Object.prototype.toString.call(error) };
  } catch {
    // A cycle, a throwing getter or toJSON: the value's kind is all that can be said.
    return { errorName: typeof error, message: Object.prototype.toString.call(error) };
  }
}

/** "Name: message" for an Error, the value's own text otherwise. Never throws. */
export function errorText(error: unknown): string {
  const { errorName, message } = describeError(error);
  return error instanceof Error ? `${errorName}: ${message}` : message;
}
