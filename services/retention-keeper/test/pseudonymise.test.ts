import { describe, expect, it } from 'vitest';
import { neutralFileName, noteErasures } from '../src/pseudonymise.js';

const mark = { at: '2036-01-02T03:00:00.000Z' };
const key = (sk: string) => ({ pk: 'T#acme#N#n1', sk });

describe("what erasure changes on a note's items", () => {
  it('keeps only the extension of a file name', () => {
    expect(neutralFileName('Dîner avec Jeanne Martin.JPEG', 'r1')).toBe('receipt-r1.jpeg');
    expect(neutralFileName('ticket', 'r1')).toBe('receipt-r1');
    expect(neutralFileName(undefined, 'r1')).toBe('receipt-r1');
    expect(neutralFileName('scan.tar.gz', 'r1')).toBe('receipt-r1.gz');
  });

  it('changes the personal fields of the employee’s items and leaves the rest, and other people’s, alone', () => {
    const erasures = noteErasures(
      [
        { ...key('NOTE'), type: 'NOTE', tenant: 'acme', owner: 'dave', amount: { value: '10.00', currency: 'EUR' } },
        { ...key('RCPT#r1'), type: 'RECEIPT', receiptId: 'r1', uploader: 'assistant', fileName: 'x.png', sha256: 'ab' },
        { ...key('HIST#0000000002'), type: 'HISTORY', actor: { kind: 'user', id: 'frank', role: 'approver' } },
        { ...key('HIST#0000000003'), type: 'HISTORY', actor: { kind: 'service', id: 'approval-workflow' }, comment: 'over the cap' },
        { ...key('APPROVAL#frank'), type: 'APPROVAL', owner: 'dave', approver: 'frank' },
        { ...key('STAGE#vat-calculator'), type: 'STAGE', outcome: {} },
      ],
      'dave',
      'erased-1',
      mark,
    );
    expect(erasures).toEqual([
      // A note no longer listed (no gsi1pk) gets no listing; no comment or attendees, nothing to remove.
      { key: key('NOTE'), type: 'NOTE', set: { owner: 'erased-1', erasure: mark }, remove: [] },
      // Uploaded by someone else: the uploader stays, the file name's words go.
      { key: key('RCPT#r1'), type: 'RECEIPT', set: { fileName: 'receipt-r1.png', erasure: mark }, remove: [] },
      // An approver's step without a comment: nothing of the employee on it, not changed.
      { key: key('HIST#0000000003'), type: 'HISTORY', set: { erasure: mark }, remove: ['comment'] },
      { key: key('APPROVAL#frank'), type: 'APPROVAL', set: { owner: 'erased-1', erasure: mark }, remove: [] },
    ]);
  });
});
