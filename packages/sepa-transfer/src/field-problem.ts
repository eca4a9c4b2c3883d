/** One refused field: a path into the batch (`transfers/1/creditor/iban`) and why. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** A batch that cannot become a SEPA file, with every field that stops it. */
export class SepaBatchRefused extends Error {
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly FieldProblem[]) {
    super(`SEPA batch refused: ${problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ')}`);
    this.name = 'SepaBatchRefused';
    this.problems = problems;
  }
}
