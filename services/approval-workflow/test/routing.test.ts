import type { NoteItem, StageItem } from '@ndf/contracts';
import { DEFAULT_APPROVER_SETTINGS, type ApproverSettings } from '@ndf/tenant-settings';
import { describe, expect, it } from 'vitest';
import { routeNote } from '../src/routing.js';
import { policyStage, submittedNote, vatStage } from './items.js';

const ALL_CHECKS = new Set(['policy-checker', 'vat-calculator', 'currency-converter', 'mileage-calculator']);
const approvers: ApproverSettings = {
  ...DEFAULT_APPROVER_SETTINGS,
  levels: [{ name: 'manager', rules: [{ approvers: ['carol'] }] }],
  admins: ['zoe'],
};
const route = (note: NoteItem, stages: StageItem[], deployed: ReadonlySet<string> = ALL_CHECKS, settings = approvers) =>
  routeNote({ note, stages, approvers: settings, today: '2026-03-13', deployed });
const stageOf = (note: NoteItem, service: string, fields: Partial<StageItem>): StageItem =>
  ({ ...vatStage(note), sk: `STAGE#${service}`, service, ...fields }) as StageItem;

describe('routeNote', () => {
  it("waits for a foreign note's conversion and a mileage note's allowance only where those services are deployed", () => {
    const dinner = submittedNote('t', '0e000000-0000-4000-8000-000000000001', '100.00', { amount: { value: '100.00', currency: 'USD' } });
    const checks = [policyStage(dinner, '85.87'), vatStage(dinner)];
    expect(route(dinner, checks)).toEqual({ kind: 'wait', missing: ['currency-converter'] });
    expect(route(dinner, checks, new Set(['policy-checker', 'vat-calculator']))).toMatchObject({ kind: 'route' });
    const trip = submittedNote('t', '0e000000-0000-4000-8000-000000000002', '63.60', {
      mileage: { km: '100', fiscalPower: 5, vehicle: 'car', electric: false },
    } as Partial<NoteItem>);
    expect(route(trip, [policyStage(trip, '63.60'), vatStage(trip)])).toEqual({ kind: 'wait', missing: ['mileage-calculator'] });
    expect(
      route(trip, [policyStage(trip, '63.60'), vatStage(trip), stageOf(trip, 'mileage-calculator', { status: 'succeeded' })]),
    ).toMatchObject({
      kind: 'route',
    });
  });

  it("sends a note whose check is refused back with the check's reason, but keeps it when the refusal is the tenant's configuration", () => {
    const note = submittedNote('t', '0e000000-0000-4000-8000-000000000003', '20.00');
    const refusedVat = stageOf(note, 'vat-calculator', { status: 'refused', code: 'category_missing', reason: 'Choose a category.' });
    expect(route(note, [policyStage(note, '20.00'), refusedVat])).toEqual({
      kind: 'send_back',
      reasons: [{ check: 'vat-calculator', code: 'category_missing', reason: 'Choose a category.' }],
    });
    const brokenPolicy = stageOf(note, 'policy-checker', {
      status: 'refused',
      code: 'policy_invalid',
      reason: 'The policy cannot be read.',
    });
    expect(route(note, [brokenPolicy, vatStage(note)])).toMatchObject({ kind: 'refuse', code: 'checks_unusable' });
  });

  it("routes on the policy's allowed amount, not the claimed one: a capped note does not reach the level above the cap", () => {
    const settings: ApproverSettings = {
      ...approvers,
      levels: [...approvers.levels, { name: 'finance', rules: [{ above: '100.00', approvers: ['dave'] }] }],
    };
    const hotel = submittedNote('t', '0e000000-0000-4000-8000-000000000004', '140.00');
    // 140.00 claimed, 100.00 allowed by a cap: 100.00 is not above 100.00.
    expect(route(hotel, [policyStage(hotel, '100.00'), vatStage(hotel)], ALL_CHECKS, settings)).toMatchObject({
      kind: 'route',
      amount: { value: '100.00', currency: 'EUR' },
      levels: [{ name: 'manager' }],
    });
    expect(route(hotel, [policyStage(hotel, '100.01'), vatStage(hotel)], ALL_CHECKS, settings)).toMatchObject({
      levels: [{ name: 'manager' }, { name: 'finance', approvers: ['dave'] }],
    });
  });

  it("routes a note no level matches to the tenant's admins, never to its owner", () => {
    const note = submittedNote('t', '0e000000-0000-4000-8000-000000000005', '20.00', { owner: 'zoe' });
    const settings = { ...DEFAULT_APPROVER_SETTINGS, admins: ['zoe', 'yann'] };
    expect(route(note, [policyStage(note, '20.00'), vatStage(note)], ALL_CHECKS, settings)).toMatchObject({
      levels: [{ name: 'admins', approvers: ['yann'], from: 'admins' }],
    });
  });
});
