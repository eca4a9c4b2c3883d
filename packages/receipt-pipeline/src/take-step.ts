import type { ServiceContext } from '@ndf/runtime';
import type { ReceiptServiceDependencies } from './dependencies.js';
import { dropJob } from './due-step.js';
import { handOn, type ReceiptJob } from './jobs.js';
import type { ReceiptRef } from './receipt-ref.js';
import type { StepResult } from './receipt-state.js';
import type { StageOutcome } from './stage-item.js';
import type { ReceiptStep } from './transitions.js';

type StepContext = Pick<ServiceContext<'dynamodb'>, 'call' | 'log' | 'metrics'>;

/**
 * Records what a receipt service did: its step and its stage (ReceiptState.step). A repeat means
 * another run of the same job took the step first; this run's outcome is dropped, and counted so.
 */
export async function takeStep(
  context: StepContext,
  dependencies: Pick<ReceiptServiceDependencies, 'state'>,
  receipt: ReceiptRef,
  step: ReceiptStep,
  stage: StageOutcome,
  attributes: Readonly<Record<string, unknown>>,
): Promise<StepResult> {
  const result = await context.call('dynamodb', (signal) => dependencies.state.step(receipt, step, stage, attributes, signal));
  if (result === 'repeat') dropJob(context, receipt, step, 'step-already-taken');
  return result;
}

/**
 * Takes the step (takeStep), then hands the next job on only if this run's step applied. On a
 * repeat, the run that applied hands on; should it stop between its write and its hand-on, the
 * reconciler sends the next job from the stages written (pendingJob). Handing on a repeat as
 * well would only run the next service twice.
 */
export async function takeStepAndHandOn(
  context: StepContext & Pick<ServiceContext, 'emit'>,
  dependencies: Pick<ReceiptServiceDependencies, 'state'>,
  receipt: ReceiptRef,
  step: ReceiptStep,
  stage: StageOutcome,
  attributes: Readonly<Record<string, unknown>>,
  next: ReceiptJob,
): Promise<StepResult> {
  const result = await takeStep(context, dependencies, receipt, step, stage, attributes);
  if (result === 'applied') await handOn(context, next);
  return result;
}
