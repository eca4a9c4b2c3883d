import type { PolicyProblemCode } from '@ndf/expense-policy';

export type SettingsProblemCode =
  | PolicyProblemCode
  | 'unknown_document'
  | 'duplicate_name'
  | 'duplicate_member'
  | 'unknown_team'
  | 'invalid_period'
  | 'invalid_delegation'
  | 'escalation_before_reminder'
  | 'invalid_account';

/** Why a settings document is refused: each problem names its field (a JSON pointer into the document). */
export interface SettingsProblem {
  readonly field: string;
  readonly code: SettingsProblemCode;
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

export function settingsProblem(field: string, code: SettingsProblemCode, message: string): SettingsProblem {
  return { field, code, message };
}

/** A problem for each value given again, naming where it was first given. */
export function repeats(
  values: readonly string[],
  at: (index: number) => string,
  code: SettingsProblemCode,
  what: string,
): SettingsProblem[] {
  const first = new Map<string, number>();
  const problems: SettingsProblem[] = [];
  values.forEach((value, index) => {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else problems.push(settingsProblem(at(index), code, `repeats the ${what} ${JSON.stringify(value)} of ${at(earlier)}`));
  });
  return problems;
}
