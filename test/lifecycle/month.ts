import type { NoteInput } from '@ndf/contracts';

/**
 * The month the lifecycle's end-to-end test runs: March 2026 for a tenant of five employees in
 * two teams, 200 notes, and the figures a person works out by hand from the domain's rules
 * (the arithmetic is in the comments, never computed by the platform's own code).
 */
export const MONTH = '2026-03';

export const TEAMS = {
  north: { approver: 'paul', members: ['emma', 'hugo', 'lea'] },
  south: { approver: 'sofia', members: ['noah', 'chloe'] },
} as const;
export const EMPLOYEES = ['emma', 'hugo', 'lea', 'noah', 'chloe'] as const;
export type Employee = (typeof EMPLOYEES)[number];

/**
 * Above this (the amount the policy lets through), a note needs a second approval, by the other
 * team's approver: the hotel nights (110.00) and Hugo's train (150.00 once capped).
 */
export const SECOND_LEVEL_ABOVE = '100.00';

/** The tenant's approvers: each team's own, then the other team's above SECOND_LEVEL_ABOVE. */
export const APPROVERS = {
  currency: 'EUR',
  teams: [
    { name: 'north', members: [...TEAMS.north.members] },
    { name: 'south', members: [...TEAMS.south.members] },
  ],
  levels: [
    {
      name: 'team',
      rules: [
        { teams: ['north'], approvers: [TEAMS.north.approver] },
        { teams: ['south'], approvers: [TEAMS.south.approver] },
      ],
    },
    {
      name: 'second',
      rules: [
        { teams: ['north'], above: SECOND_LEVEL_ABOVE, approvers: [TEAMS.south.approver] },
        { teams: ['south'], above: SECOND_LEVEL_ABOVE, approvers: [TEAMS.north.approver] },
      ],
    },
  ],
  delegations: [],
  reminderAfterDays: 3,
  escalateAfterDays: 7,
};

/** Where each employee is paid back, and the company's account the transfers leave from (valid IBANs, made up). */
export const ACCOUNTS = {
  company: { name: 'ACME SAS', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
  emma: { name: 'Emma Martin', iban: 'FR1420041010050500013M02606' },
  hugo: { name: 'Hugo Bernard', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
  lea: { name: 'Lea Dubois', iban: 'NL91ABNA0417164300' },
  noah: { name: 'Noah Petit', iban: 'GB29NWBK60161331926819' },
  chloe: { name: 'Chloe Leroy', iban: 'BE68539007547034' },
} as const;
/**
 * The policy: a train ticket is capped at 150.00 (a cap of severity block: the rest is refused, the
 * note goes on with its capped part); weekends warn.
 */
export const POLICY = {
  currency: 'EUR',
  rules: [
    { kind: 'category_cap', category: 'train', perExpense: '150.00', severity: 'block' },
    { kind: 'weekend', severity: 'warning' },
  ],
} as const;
/** The reference rate the test loads for the foreign dinner's day: 1 EUR = 1.0850 USD. */
export const USD_RATE = { date: '2026-03-12', currency: 'USD', rate: '1.0850' } as const;
/** A cash advance paid to Noah before the month, deducted from his reimbursement. */
export const ADVANCES: Readonly<Partial<Record<Employee, string>>> = { noah: '200.00' };

/** March 2026's working days: the 1st is a Sunday. */
const WORKING_DAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31];
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;
const eur = (value: string) => ({ value, currency: 'EUR' });
const RESTAURANTS = ['Brasserie du Centre', 'Le Bistrot Lyonnais', 'Café de la Gare'];

export interface PlannedNote {
  readonly employee: Employee;
  /** What the special notes are, for the test's assertions: 'duplicate', 'over-cap', 'weekend', 'foreign'. */
  readonly mark?: 'duplicate' | 'over-cap' | 'weekend' | 'foreign';
  readonly input: NoteInput;
}

/**
 * Each employee's 40 notes: 18 meals (22.00, VAT 10 % = 2.00, the company named on the bill),
 * 4 hotel nights on the company card (110.00, VAT 10.00), 4 train tickets (66.00, VAT 6.00),
 * 4 taxis in cash (27.50, VAT 2.50), 4 fuel fills for a diesel car (60.00, VAT 20 % = 10.00),
 * 4 tolls (12.00, VAT 2.00) and 2 trips of 120 km in a 5 CV car; then the month's special cases.
 */
function standardNotes(employee: Employee): PlannedNote[] {
  const notes: PlannedNote[] = [];
  const add = (input: NoteInput) => notes.push({ employee, input });
  // Three restaurants in turn: the same lunch at the same place on two days running would be a duplicate's signal.
  WORKING_DAYS.slice(0, 18).forEach((d, index) =>
    add({
      date: day(d),
      amount: eur('22.00'),
      merchant: RESTAURANTS[index % RESTAURANTS.length]!,
      category: 'restaurant',
      paymentMethod: 'personal_card',
      companyMention: 'printed',
      attendees: [employee],
      vatLines: [{ rate: '10', amount: '2.00' }],
    }),
  );
  [2, 9, 16, 23].forEach((d) =>
    add({
      date: day(d),
      amount: eur('110.00'),
      merchant: 'Hotel Ibis Lyon',
      category: 'hotel',
      paymentMethod: 'company_card',
      vatLines: [{ rate: '10', amount: '10.00' }],
    }),
  );
  [3, 10, 17, 24].forEach((d) =>
    add({
      date: day(d),
      amount: eur('66.00'),
      merchant: 'SNCF',
      category: 'train',
      paymentMethod: 'personal_card',
      vatLines: [{ rate: '10', amount: '6.00' }],
    }),
  );
  [4, 11, 18, 25].forEach((d) =>
    add({
      date: day(d),
      amount: eur('27.50'),
      merchant: 'G7',
      category: 'taxi',
      paymentMethod: 'cash',
      vatLines: [{ rate: '10', amount: '2.50' }],
    }),
  );
  [5, 12, 19, 26].forEach((d) =>
    add({
      date: day(d),
      amount: eur('60.00'),
      merchant: 'TotalEnergies',
      category: 'fuel',
      paymentMethod: 'personal_card',
      fuel: { vehicle: 'passenger_car', energy: 'diesel' },
      vatLines: [{ rate: '20', amount: '10.00' }],
    }),
  );
  [6, 13, 20, 27].forEach((d) =>
    add({
      date: day(d),
      amount: eur('12.00'),
      merchant: 'Vinci Autoroutes',
      category: 'tolls',
      paymentMethod: 'personal_card',
      vatLines: [{ rate: '20', amount: '2.00' }],
    }),
  );
  // 120 km × 0.636 (5 CV, the year's first 5,000 km) = 76.32 each.
  [30, 31].forEach((d) =>
    add({
      date: day(d),
      amount: eur('76.32'),
      category: 'mileage',
      paymentMethod: 'other',
      mileage: { km: '120', fiscalPower: 5, vehicle: 'car' },
    }),
  );
  return notes;
}

/** The special cases, each replacing one standard note so that every employee keeps 40 and the month 200. */
function withSpecialCases(employee: Employee, notes: PlannedNote[]): PlannedNote[] {
  const replace = (index: number, note: PlannedNote) => notes.splice(index, 1, note);
  if (employee === 'hugo') {
    // His first train ticket is a first-class return: 210.00, over the 150.00 cap.
    const train = notes.findIndex((note) => note.input.category === 'train');
    replace(train, {
      employee,
      mark: 'over-cap',
      input: { ...notes[train]!.input, amount: eur('210.00'), vatLines: [{ rate: '10', amount: '19.09' }] },
    });
  }
  if (employee === 'lea') {
    // Her first taxi was on Saturday the 14th.
    const taxi = notes.findIndex((note) => note.input.category === 'taxi');
    replace(taxi, { employee, mark: 'weekend', input: { ...notes[taxi]!.input, date: day(14) } });
  }
  if (employee === 'noah') {
    // His 9th meal (the 12th) was a dinner in New York: 85.00 USD, no French VAT.
    replace(8, {
      employee,
      mark: 'foreign',
      input: {
        date: USD_RATE.date,
        amount: { value: '85.00', currency: 'USD' },
        merchant: "Joe's Steakhouse",
        category: 'restaurant',
        country: 'US',
        paymentMethod: 'personal_card',
        attendees: [employee],
      },
    });
  }
  if (employee === 'chloe') {
    // Her 18th meal is the 7th (the 10th) sent again.
    replace(17, { employee, mark: 'duplicate', input: { ...notes[6]!.input } });
  }
  return notes;
}

export function monthOfNotes(): PlannedNote[] {
  return EMPLOYEES.flatMap((employee) => withSpecialCases(employee, standardNotes(employee)));
}

/**
 * What each employee is paid back, worked out by hand.
 *
 * Standard, reimbursed to the employee (the hotels were paid by the company card):
 *   meals 18 × 22.00 = 396.00; trains 4 × 66.00 = 264.00; taxis 4 × 27.50 = 110.00;
 *   fuel 4 × 60.00 = 240.00; tolls 4 × 12.00 = 48.00; mileage 2 × 76.32 = 152.64
 *   396.00 + 264.00 + 110.00 + 240.00 + 48.00 + 152.64 = 1,210.64
 * Recoverable VAT: meals 18 × 2.00 (bill in the company's name) = 36.00; fuel 4 × 10.00 × 80 %
 *   (diesel, passenger car) = 32.00; tolls 4 × 2.00 = 8.00; hotel, train, taxi, mileage 0
 *   36.00 + 32.00 + 8.00 = 76.00
 *
 * hugo: the 210.00 train approved at the 150.00 cap: 1,210.64 − 66.00 + 150.00 = 1,294.64;
 *   train VAT is never recoverable: 76.00.
 * lea: a taxi moved to a Saturday (a warning, approved in full): 1,210.64; 76.00.
 * noah: a 22.00 meal replaced by 85.00 USD at 1.0850 = 78.341… → 78.34 EUR:
 *   1,210.64 − 22.00 + 78.34 = 1,266.98, less his 200.00 advance = 1,066.98;
 *   VAT: 76.00 − 2.00 (the US dinner's VAT is not French VAT) = 74.00.
 * chloe: the duplicate meal is rejected: 1,210.64 − 22.00 = 1,188.64; VAT 76.00 − 2.00 = 74.00.
 *
 * The SEPA file: 5 transfers; 1,210.64 + 1,294.64 + 1,210.64 + 1,066.98 + 1,188.64 = 5,971.54.
 */
export const EXPECTED = {
  reimbursed: { emma: '1210.64', hugo: '1294.64', lea: '1210.64', noah: '1066.98', chloe: '1188.64' },
  recoverableVat: { emma: '76.00', hugo: '76.00', lea: '76.00', noah: '74.00', chloe: '74.00' },
  companyCard: { emma: '440.00', hugo: '440.00', lea: '440.00', noah: '440.00', chloe: '440.00' },
  foreignDinner: { original: { value: '85.00', currency: 'USD' }, converted: eur('78.34'), rateDate: '2026-03-12' },
  mileageAllowance: eur('76.32'),
  overCap: { claimed: eur('210.00'), allowed: eur('150.00'), refused: eur('60.00') },
  sepa: { transfers: 5, controlSum: '5971.54' },
} as const;
