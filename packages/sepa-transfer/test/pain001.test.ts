import { describe, expect, it } from 'vitest';
import { buildSepaCreditTransfer, validatePain001 } from '../src/index.js';
import { threeEmployeesBatch } from './three-employees.js';

const { xml } = buildSepaCreditTransfer(threeEmployeesBatch());

function only(pattern: RegExp): string {
  const matches = [...xml.matchAll(pattern)].map((match) => match[1]!);
  expect(matches).toHaveLength(1);
  return matches[0]!;
}

describe('the pain.001.001.03 document of a batch', () => {
  it('validates against the ISO 20022 XSD', async () => {
    expect(await validatePain001(xml)).toEqual({ valid: true, errors: [] });
  });

  it('carries the count and the control sum in the header and the payment block', () => {
    // 123.45 + 67.89 + 1000.00 = 1191.34 EUR
    expect([...xml.matchAll(/<CtrlSum>([^<]+)<\/CtrlSum>/g)].map((match) => match[1])).toEqual(['1191.34', '1191.34']);
    expect([...xml.matchAll(/<NbOfTxs>([^<]+)<\/NbOfTxs>/g)].map((match) => match[1])).toEqual(['3', '3']);
    const amounts = [...xml.matchAll(/<InstdAmt Ccy="EUR">([^<]+)<\/InstdAmt>/g)].map((match) => match[1]);
    expect(amounts).toEqual(['123.45', '67.89', '1000.00']);
  });

  it('writes the header, the debtor and each creditor', () => {
    expect(only(/<MsgId>([^<]+)<\/MsgId>/g)).toBe('NDF-2026-11-0001');
    expect(only(/<CreDtTm>([^<]+)<\/CreDtTm>/g)).toBe('2026-12-01T09:30:15Z');
    expect(only(/<ReqdExctnDt>([^<]+)<\/ReqdExctnDt>/g)).toBe('2026-12-03');
    expect(only(/<DbtrAcct>\s*<Id>\s*<IBAN>([^<]+)</g)).toBe('FR7630006000011234567890189');
    expect([...xml.matchAll(/<Cdtr>\s*<Nm>([^<]+)</g)].map((match) => match[1])).toEqual([
      'Zoe Lefevre',
      'Lukasz Strauss',
      "Anne-Marie O'Neill",
    ]);
    // Only the first employee gave a BIC.
    expect([...xml.matchAll(/<CdtrAgt>/g)]).toHaveLength(1);
  });

  it('a tampered element fails the XSD validation', async () => {
    const tampered = xml.replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>XXX</PmtMtd>');
    const result = await validatePain001(tampered);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain("PmtMtd': [facet 'enumeration'] The value 'XXX' is not an element of the set");
  });

  it('a missing required element fails the XSD validation', async () => {
    const result = await validatePain001(xml.replace(/<ReqdExctnDt>[^<]+<\/ReqdExctnDt>\n\s*/, ''));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('ReqdExctnDt');
  });

  it('a lower-case BIC fails the XSD validation', async () => {
    const result = await validatePain001(xml.replace('<BIC>COBADEFFXXX</BIC>', '<BIC>cobadeffxxx</BIC>'));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain("'cobadeffxxx' is not accepted by the pattern");
  });
});
