import { moneyProblem, POSITIVE_DECIMAL_PATTERN, USER_PATTERN } from '@ndf/contracts';
import { dayNumber, schemaChecker } from '@ndf/expense-policy';
import { repeats, settingsProblem, type Parsed, type SettingsProblem } from './problems.js';

/** Who approves what at one level: every condition given must hold (teams of the note's owner, its category, an amount strictly above). */
export interface ApproverRule {
  readonly teams?: readonly string[];
  readonly categories?: readonly string[];
  readonly above?: string;
  readonly approvers: readonly string[];
}

/** One level of approval: a note goes through the levels one of whose rules it matches, in order. */
export interface ApprovalLevel {
  readonly name: string;
  readonly rules: readonly ApproverRule[];
}

export interface Team {
  readonly name: string;
  readonly members: readonly string[];
}

/** An approver away from `start` to `end` (dates included): `to` decides in their place. */
export interface Delegation {
  readonly from: string;
  readonly to: string;
  readonly start: string;
  readonly end: string;
}

export interface ApproverSettings {
  /** The currency of the rules' amounts. */
  readonly currency: string;
  readonly teams: readonly Team[];
  readonly levels: readonly ApprovalLevel[];
  readonly delegations: readonly Delegation[];
  /** Days a note waits at a level before its approvers are reminded. */
  readonly reminderAfterDays: number;
  /** Days before it goes to the next level's approvers (or the tenant's admins at the last). */
  readonly escalateAfterDays: number;
  /**
   * The tenant's admins, who decide where no approver is left (a level whose approvers are all
   * the owner, no level matched) and take escalations past the last level. Roles live in the
   * identity provider's tokens, which no service can list: the settings name them.
   */
  readonly admins?: readonly string[];
}

const name = { type: 'string', minLength: 1, maxLength: 64 };
const names = { type: 'array', items: name, minItems: 1, uniqueItems: true };
const user = { type: 'string', pattern: USER_PATTERN.source };
const users = { type: 'array', items: user, minItems: 1, maxItems: 100, uniqueItems: true };
const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
const days = { type: 'integer', minimum: 1, maximum: 365 };

export const APPROVER_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    teams: {
      type: 'array',
      maxItems: 500,
      items: { type: 'object', properties: { name, members: users }, required: ['name', 'members'], additionalProperties: false },
    },
    levels: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        properties: {
          name,
          rules: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              type: 'object',
              properties: {
                teams: names,
                categories: names,
                above: { type: 'string', pattern: POSITIVE_DECIMAL_PATTERN },
                approvers: users,
              },
              required: ['approvers'],
              additionalProperties: false,
            },
          },
        },
        required: ['name', 'rules'],
        additionalProperties: false,
      },
    },
    delegations: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        properties: { from: user, to: user, start: date, end: date },
        required: ['from', 'to', 'start', 'end'],
        additionalProperties: false,
      },
    },
    reminderAfterDays: days,
    escalateAfterDays: days,
    admins: { type: 'array', items: user, maxItems: 100, uniqueItems: true },
  },
  required: ['currency', 'teams', 'levels', 'delegations', 'reminderAfterDays', 'escalateAfterDays'],
  additionalProperties: false,
} as const;

/** Without a document: no team, no level (the approval service then falls back to the tenant's admins), a reminder after 3 days, escalation after 7. */
export const DEFAULT_APPROVER_SETTINGS: ApproverSettings = {
  currency: 'EUR',
  teams: [],
  levels: [],
  delegations: [],
  reminderAfterDays: 3,
  escalateAfterDays: 7,
};

const checkShape = schemaChecker(APPROVER_SETTINGS_SCHEMA);

/** What a schema cannot say: amounts in the currency, names given once, teams that exist, periods in order. */
function crossChecks(settings: ApproverSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (moneyProblem({ value: '1', currency: settings.currency }) === 'unknown_currency')
    problems.push(settingsProblem('/currency', 'invalid_amount', `${JSON.stringify(settings.currency)} is not an ISO 4217 currency`));
  problems.push(
    ...repeats(
      settings.teams.map((team) => team.name),
      (index) => `/teams/${index}/name`,
      'duplicate_name',
      'team',
    ),
    ...repeats(
      settings.levels.map((level) => level.name),
      (index) => `/levels/${index}/name`,
      'duplicate_name',
      'level',
    ),
  );
  const teamOf = new Map<string, string>();
  settings.teams.forEach((team, teamIndex) =>
    team.members.forEach((member, memberIndex) => {
      const other = teamOf.get(member);
      if (other !== undefined && other !== team.name)
        problems.push(
          settingsProblem(`/teams/${teamIndex}/members/${memberIndex}`, 'duplicate_member', `${member} is already in the team ${other}`),
        );
      else teamOf.set(member, team.name);
    }),
  );
  const teamNames = new Set(settings.teams.map((team) => team.name));
  settings.levels.forEach((level, levelIndex) =>
    level.rules.forEach((rule, ruleIndex) => {
      const at = `/levels/${levelIndex}/rules/${ruleIndex}`;
      (rule.teams ?? []).forEach((team, index) => {
        if (!teamNames.has(team)) problems.push(settingsProblem(`${at}/teams/${index}`, 'unknown_team', `no team is named ${team}`));
      });
      if (rule.above !== undefined) {
        const why = moneyProblem({ value: rule.above, currency: settings.currency });
        if (why !== undefined && why !== 'unknown_currency')
          problems.push(
            settingsProblem(
              `${at}/above`,
              'invalid_amount',
              `${JSON.stringify(rule.above)} is not an amount in ${settings.currency} (${why})`,
            ),
          );
      }
    }),
  );
  settings.delegations.forEach((delegation, index) => {
    const at = `/delegations/${index}`;
    const [start, end] = [dayNumber(delegation.start), dayNumber(delegation.end)];
    if (start === undefined) problems.push(settingsProblem(`${at}/start`, 'invalid_period', `${delegation.start} is not a calendar date`));
    if (end === undefined) problems.push(settingsProblem(`${at}/end`, 'invalid_period', `${delegation.end} is not a calendar date`));
    if (start !== undefined && end !== undefined && end < start)
      problems.push(settingsProblem(`${at}/end`, 'invalid_period', `ends before it starts (${delegation.start})`));
    if (delegation.from === delegation.to)
      problems.push(settingsProblem(`${at}/to`, 'invalid_delegation', 'an approver cannot delegate to themselves'));
  });
  if (settings.escalateAfterDays <= settings.reminderAfterDays)
    problems.push(
      settingsProblem(
        '/escalateAfterDays',
        'escalation_before_reminder',
        `must be after the reminder (${settings.reminderAfterDays} days)`,
      ),
    );
  return problems;
}

export function parseApproverSettings(value: unknown): Parsed<ApproverSettings> {
  const shape = checkShape(value);
  if (shape.length > 0) return { ok: false, problems: shape };
  const problems = crossChecks(value as ApproverSettings);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: value as ApproverSettings };
}
