const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const timestamp = { type: 'string', format: 'date-time' };
const employee = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$', description: "The employee's user id." };

/** The reimbursement batches' and cash advances' schemas of the expense API. */
export const batchSchemas = {
  Amount: {
    type: 'object',
    description: 'A figure that may be 0 (a card-paid note, an advance used up), as a decimal string: "0.00", "42.50".',
    required: ['value', 'currency'],
    additionalProperties: false,
    properties: {
      value: { type: 'string', pattern: '^(0|[1-9][0-9]{0,11})(\\.[0-9]+)?$' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  },
  BatchNote: {
    type: 'object',
    required: ['noteId', 'amount', 'decidedBy'],
    additionalProperties: false,
    properties: {
      noteId: ref('Id'),
      amount: { ...ref('Amount'), description: 'What the company owes for it (0 when paid by company card).' },
      decidedBy: { type: 'string', description: 'Which term decided the amount: the base, a cap, a partial approval or the card.' },
    },
  },
  SignedAmount: {
    type: 'object',
    description: 'A difference, as a decimal string with its sign when negative: "28.00" to pay, "-40.00" to recover.',
    required: ['value', 'currency'],
    additionalProperties: false,
    properties: {
      value: { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,11})(\\.[0-9]+)?$' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  },
  BatchMileage: {
    type: 'object',
    description:
      "A mileage year's difference the batch pays or recovers: notes already approved or paid whose allowance moved since (a scale published later, a correction).",
    required: ['year', 'amount', 'lines'],
    additionalProperties: false,
    properties: {
      year: { type: 'integer' },
      amount: { ...ref('SignedAmount'), description: 'Positive: paid to the employee; negative: recovered from what the batch owes them.' },
      lines: {
        type: 'array',
        items: {
          type: 'object',
          required: ['noteId', 'amount'],
          additionalProperties: false,
          properties: { noteId: ref('Id'), amount: ref('SignedAmount') },
        },
      },
      stillDue: { ...ref('SignedAmount'), description: 'What is left to recover after this batch, when it could not take it all.' },
    },
  },
  BatchAdvanceTaken: {
    type: 'object',
    required: ['advanceId', 'amount', 'remainingAfter'],
    additionalProperties: false,
    properties: { advanceId: { type: 'string' }, amount: ref('Money'), remainingAfter: ref('Amount') },
  },
  BatchEmployee: {
    type: 'object',
    description: "One employee's line: their notes, their mileage differences, the advances deducted, and the transfer (net) when above 0.",
    required: ['employee', 'notes', 'gross', 'advances', 'net'],
    additionalProperties: false,
    properties: {
      employee,
      notes: { type: 'array', items: ref('BatchNote') },
      mileage: { type: 'array', items: ref('BatchMileage') },
      gross: { ...ref('Amount'), description: "The notes' sum, plus the mileage differences paid, less those recovered." },
      advances: { type: 'array', items: ref('BatchAdvanceTaken') },
      net: ref('Amount'),
      endToEndId: { type: 'string', description: "The transfer's id in the SEPA file; absent when nothing is transferred." },
    },
  },
  Batch: {
    type: 'object',
    description: 'A reimbursement batch: open → filed → batched (closed) → paid.',
    required: ['batchId', 'status', 'createdAt', 'cutoff', 'executionDate', 'employees', 'transfers', 'controlSum', 'hasFile'],
    additionalProperties: false,
    properties: {
      batchId: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]+$' },
      status: { enum: ['open', 'filed', 'batched', 'paid'] },
      createdAt: timestamp,
      cutoff: { ...timestamp, description: 'The notes approved before this were taken.' },
      executionDate: {
        type: 'string',
        format: 'date',
        description: "The SEPA file's requested execution date: the first business day after the file is written (planned until then).",
      },
      employees: { type: 'array', items: ref('BatchEmployee') },
      transfers: { type: 'integer', minimum: 0 },
      controlSum: { ...ref('Amount'), description: "The transfers' sum, as the SEPA file states it." },
      hasFile: { type: 'boolean', description: 'Whether a SEPA file is stored (none when nothing is transferred).' },
      batchedAt: timestamp,
      paidAt: timestamp,
      paidBy: { type: 'string' },
    },
  },
  BatchPage: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('Batch') },
      nextCursor: { type: 'string', description: 'Opaque; absent on the last page.' },
    },
  },
  BatchFile: {
    type: 'object',
    required: ['url', 'expiresAt', 'contentType'],
    additionalProperties: false,
    properties: {
      url: { type: 'string', description: 'A presigned GET of the pain.001.001.03 file in the exports bucket.' },
      expiresAt: timestamp,
      contentType: { const: 'application/xml' },
    },
  },
  AdvanceRequest: {
    type: 'object',
    required: ['employee', 'amount', 'date', 'reason'],
    additionalProperties: false,
    properties: {
      employee,
      amount: { ...ref('Money'), description: 'In EUR, above 0.' },
      date: { type: 'string', format: 'date', description: 'When the advance was paid.' },
      reason: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' },
    },
  },
  Advance: {
    type: 'object',
    description: 'A cash advance paid to an employee, deducted from their next batches until nothing remains.',
    required: ['advanceId', 'employee', 'amount', 'date', 'remaining', 'deductions'],
    additionalProperties: false,
    properties: {
      advanceId: { type: 'string' },
      employee,
      amount: ref('Money'),
      date: { type: 'string', format: 'date' },
      reason: { type: 'string' },
      recordedBy: { type: 'string' },
      remaining: { ...ref('Amount'), description: 'What is left to deduct.' },
      deductions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['batchId', 'amount'],
          additionalProperties: false,
          properties: { batchId: { type: 'string' }, amount: ref('Money') },
        },
      },
    },
  },
  AdvanceList: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: { items: { type: 'array', items: ref('Advance') } },
  },
  RatesJson: {
    type: 'object',
    description: 'Days of reference rates, each currency per 1 EUR as published (a decimal string), e.g. {"USD": "1.0850"}.',
    required: ['base', 'days'],
    properties: {
      base: { const: 'EUR' },
      days: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['date', 'rates'],
          properties: { date: { type: 'string' }, rates: { type: 'object', additionalProperties: { type: 'string' } } },
        },
      },
    },
  },
  RatesLoad: {
    type: 'object',
    description:
      'What a load did: the days written (new, or corrected), those already loaded as they are, and the conversions sent back to the converter.',
    required: ['days', 'written', 'unchanged', 'recomputeRequested'],
    additionalProperties: false,
    properties: {
      days: { type: 'integer', minimum: 0, description: 'How many days the body holds.' },
      written: { type: 'array', items: { type: 'string', format: 'date' } },
      unchanged: { type: 'array', items: { type: 'string', format: 'date' } },
      recomputeRequested: {
        type: 'integer',
        minimum: 0,
        description: 'Conversions that awaited a day up to the newest loaded, asked to be recomputed.',
      },
    },
  },
};
