import { MileageInputError, type MileageProblem } from '../src/index.js';

/** The field and problem of the MileageInputError that `run` throws; fails when it accepts. */
export function refusal(run: () => unknown): { field: string; problem: MileageProblem } {
  try {
    run();
  } catch (error) {
    if (error instanceof MileageInputError) return { field: error.field, problem: error.problem };
    throw error;
  }
  throw new Error('The input was accepted.');
}
