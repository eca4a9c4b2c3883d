import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

let ingest: IngestUnderTest;
let token: string;

beforeAll(async () => {
  ingest = await startIngest('ingest-validation-');
  token = await ingest.token({ user: 'vera' });
});
afterAll(async () => ingest?.stop());

const post = (options: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> }) =>
  ingest.call('POST', '/v1/notes', '/v1/notes', { token, ...options, headers: { 'idempotency-key': randomUUID(), ...options.headers } });

const REPEATED = randomUUID();

describe("each field's bad values get 400 naming the field and a stable code", () => {
  const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['no date', { date: undefined }, '/date', 'required'],
    ['an impossible date', { date: '2024-02-30' }, '/date', 'invalid_format'],
    ['a date with a time', { date: '2024-03-12T10:00:00Z' }, '/date', 'invalid_format'],
    ['a French date', { date: '12/03/2024' }, '/date', 'invalid_format'],
    ['a date as a number', { date: 20240312 }, '/date', 'wrong_type'],
    ['a future date', { date: future }, '/date', 'date_in_future'],
    ['a date before 2000', { date: '1999-12-31' }, '/date', 'date_too_old'],
    ['no amount', { amount: undefined }, '/amount', 'required'],
    ['an amount as a float', { amount: { value: 42.5, currency: 'EUR' } }, '/amount/value', 'wrong_type'],
    ['a decimal comma', { amount: { value: '42,50', currency: 'EUR' } }, '/amount/value', 'invalid_format'],
    ['a negative amount', { amount: { value: '-42.50', currency: 'EUR' } }, '/amount/value', 'invalid_format'],
    ['a zero amount', { amount: { value: '0.00', currency: 'EUR' } }, '/amount/value', 'invalid_format'],
    ['an exponent', { amount: { value: '4.25e1', currency: 'EUR' } }, '/amount/value', 'invalid_format'],
    ['three decimals in euros', { amount: { value: '42.505', currency: 'EUR' } }, '/amount/value', 'too_many_decimals'],
    ['decimals in yen', { amount: { value: '1200.5', currency: 'JPY' } }, '/amount/value', 'too_many_decimals'],
    ['four decimals in dinars', { amount: { value: '1.2345', currency: 'KWD' } }, '/amount/value', 'too_many_decimals'],
    ['a thirteen-digit amount', { amount: { value: '1000000000000', currency: 'EUR' } }, '/amount/value', 'invalid_format'],
    ['an unknown currency', { amount: { value: '1.00', currency: 'EURO' } }, '/amount/currency', 'unknown_currency'],
    ['a lower-case currency', { amount: { value: '1.00', currency: 'eur' } }, '/amount/currency', 'unknown_currency'],
    ['no currency', { amount: { value: '1.00' } }, '/amount/currency', 'required'],
    ['an extra amount field', { amount: { value: '1.00', currency: 'EUR', rate: '1' } }, '/amount/rate', 'unknown_field'],
    ['an empty merchant', { merchant: '' }, '/merchant', 'too_short'],
    ['a merchant of 201 characters', { merchant: 'm'.repeat(201) }, '/merchant', 'too_long'],
    ['a merchant with a line break', { merchant: 'a\nb' }, '/merchant', 'invalid_format'],
    ['a merchant with a NUL', { merchant: 'a\u0000b' }, '/merchant', 'invalid_format'],
    ['a merchant as an object', { merchant: { name: 'x' } }, '/merchant', 'wrong_type'],
    ['a category of 101 characters', { category: 'c'.repeat(101) }, '/category', 'too_long'],
    ['a comment of 2001 characters', { comment: 'c'.repeat(2001) }, '/comment', 'too_long'],
    ['a comment with an escape character', { comment: 'a\u001bb' }, '/comment', 'invalid_format'],
    ['an unknown payment method', { paymentMethod: 'bitcoin' }, '/paymentMethod', 'not_allowed'],
    ['receipt ids that are not ids', { receiptIds: ['r1'] }, '/receiptIds/0', 'invalid_format'],
    ['a repeated receipt id', { receiptIds: [REPEATED, REPEATED] }, '/receiptIds', 'duplicate_items'],
    ['eleven receipt ids', { receiptIds: Array.from({ length: 11 }, () => randomUUID()) }, '/receiptIds', 'too_many_items'],
    ['receipt ids as a string', { receiptIds: randomUUID() }, '/receiptIds', 'wrong_type'],
    ['mileage without km', { mileage: { fiscalPower: 5, vehicle: 'car' } }, '/mileage/km', 'required'],
    ['mileage km as a number', { mileage: { km: 12, fiscalPower: 5, vehicle: 'car' } }, '/mileage/km', 'wrong_type'],
    ['mileage km with two decimals', { mileage: { km: '12.25', fiscalPower: 5, vehicle: 'car' } }, '/mileage/km', 'invalid_format'],
    ['a fiscal power of 0', { mileage: { km: '12', fiscalPower: 0, vehicle: 'car' } }, '/mileage/fiscalPower', 'too_small'],
    ['a fractional fiscal power', { mileage: { km: '12', fiscalPower: 5.5, vehicle: 'car' } }, '/mileage/fiscalPower', 'wrong_type'],
    ['an unknown vehicle', { mileage: { km: '12', fiscalPower: 5, vehicle: 'rocket' } }, '/mileage/vehicle', 'not_allowed'],
    ['an empty project', { project: '' }, '/project', 'too_short'],
    ['a country in lower case', { country: 'fr' }, '/country', 'invalid_format'],
    ['fuel without its energy', { fuel: { vehicle: 'passenger_car' } }, '/fuel/energy', 'required'],
    ['an unknown fuel energy', { fuel: { vehicle: 'passenger_car', energy: 'kerosene' } }, '/fuel/energy', 'not_allowed'],
    ['an unknown company mention', { companyMention: 'maybe' }, '/companyMention', 'not_allowed'],
    ['a VAT rate with a percent sign', { vatLines: [{ rate: '20%', amount: '1.00' }] }, '/vatLines/0/rate', 'invalid_format'],
    ['a VAT amount as a number', { vatLines: [{ rate: '20', amount: 1 }] }, '/vatLines/0/amount', 'wrong_type'],
    ['an empty attendee', { attendees: [''] }, '/attendees/0', 'too_short'],
    ['an unknown field', { merchantName: 'x' }, '/merchantName', 'unknown_field'],
    ['a prototype key', { ['__proto__']: { polluted: true } }, '/__proto__', 'unknown_field'],
    ['a status set by the client', { status: 'approved' }, '/status', 'unknown_field'],
  ];
  for (const [name, change, field, code] of cases) {
    it(name, async () => {
      const body = JSON.parse(JSON.stringify(noteBody(change))) as Record<string, unknown>;
      const raw = Object.hasOwn(change, '__proto__')
        ? JSON.stringify(body).replace(/}$/, ',"__proto__":{"polluted":true}}')
        : JSON.stringify(body);
      const answer = await post({ rawBody: raw, headers: { 'content-type': 'application/json' } });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'validation_failed', type: 'urn:ndf:problem:validation_failed' });
      expect((answer.body as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining({ field, code, in: 'body' }));
    });
  }

  it('reports every fault of a body at once', async () => {
    const answer = await post({ body: { date: 'soon', amount: { value: '1,5', currency: 'EUR' }, colour: 'red' } });
    expect((answer.body as { errors: { field: string }[] }).errors.map((error) => error.field).sort()).toEqual([
      '/amount/value',
      '/colour',
      '/date',
    ]);
  });

  it('accepts the edges: yen without decimals, dinars with three, the largest amount, a full mileage note', async () => {
    for (const change of [
      { amount: { value: '1200', currency: 'JPY' } },
      { amount: { value: '0.125', currency: 'KWD' } },
      { amount: { value: '999999999999.99', currency: 'EUR' } },
      { mileage: { km: '412.5', fiscalPower: 5, vehicle: 'car', electric: true }, category: 'mileage' },
      { merchant: 'Café «Le Zèbre» 🦓', comment: 'tab\there\r\nand a new line' },
    ]) {
      expect((await post({ body: noteBody(change) })).status).toBe(201);
    }
  });
});

describe('the request itself', () => {
  it('needs an Idempotency-Key of visible ASCII', async () => {
    for (const headers of [{}, { 'idempotency-key': '' }, { 'idempotency-key': 'k'.repeat(129) }] as Record<string, string>[]) {
      const answer = await ingest.call('POST', '/v1/notes', '/v1/notes', { token, body: noteBody(), headers });
      expect(answer).toMatchObject({
        status: 400,
        body: { errors: [expect.objectContaining({ field: 'Idempotency-Key', in: 'header' })] },
      });
    }
  });

  it('answers 400 malformed_json to bodies that are not JSON', async () => {
    for (const raw of ['{"date": "2024-03-12",', '', 'null garbage', "{'single': 'quotes'}", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      const answer = await post({ rawBody: raw, headers: { 'content-type': 'application/json' } });
      expect(answer).toMatchObject({ status: 400, body: { code: 'malformed_json' } });
    }
  });

  it('answers 400 to JSON that is not an object, or whose strings are not well-formed Unicode', async () => {
    for (const raw of ['[]', '"note"', '42', 'null']) {
      expect((await post({ rawBody: raw, headers: { 'content-type': 'application/json' } })).body).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: '/', code: 'wrong_type' }],
      });
    }
    const lone = JSON.stringify(noteBody()).replace('Café', 'Caf\\ud800');
    expect((await post({ rawBody: lone, headers: { 'content-type': 'application/json' } })).body).toMatchObject({
      errors: [{ field: '/merchant', code: 'invalid_format' }],
    });
  });

  it('answers 415 to anything but UTF-8 JSON', async () => {
    const body = JSON.stringify(noteBody());
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=iso-8859-1',
      'application/xml',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await post({ rawBody: body, headers: { 'content-type': contentType } });
      expect({ contentType, status: answer.status, code: (answer.body as { code: string }).code }).toEqual({
        contentType,
        status: 415,
        code: 'unsupported_media_type',
      });
    }
    expect((await post({ rawBody: body })).status).toBe(415);
    expect((await post({ rawBody: body, headers: { 'content-type': 'Application/JSON; Charset="UTF-8"' } })).status).toBe(201);
  });

  it('answers 413 over 1 MiB from the handler, and over 10 MB from the gateway itself', async () => {
    const padded = JSON.stringify(noteBody({ comment: 'x' })).replace('"x"', `"x"${' '.repeat(1024 * 1024)}`);
    const handlerLimit = await post({ rawBody: padded, headers: { 'content-type': 'application/json' } });
    expect(handlerLimit).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    const gatewayLimit = await post({ rawBody: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), headers: { 'content-type': 'application/json' } });
    expect(gatewayLimit).toMatchObject({ status: 413, body: { message: 'Request Entity Too Large' } });
  });

  it('keeps nothing of a refused request', async () => {
    const key = randomUUID();
    await post({ body: noteBody({ amount: { value: '1.234', currency: 'EUR' } }), headers: { 'idempotency-key': key } });
    const retried = await post({ body: noteBody({ amount: { value: '1.23', currency: 'EUR' } }), headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(201);
  });
});
