import { LANGUAGES, isLanguage, type Language } from '@ndf/alert-delivery/chat';
import { DEFAULT_PREFIX } from '@ndf/catalog';

/** What differs between deployments; everything else comes from the catalog. */
export interface DeploymentConfig {
  /** prod, staging, ...: names the stacks. */
  readonly stage: string;
  /** Where every resource lives; data of EU employees stays in the EU. */
  readonly region: string;
  /** The target account, or undefined for an environment-agnostic synth. */
  readonly account: string | undefined;
  /** Prefix of every physical name (tables, queues, buckets); bucket names must be unique in all of S3. */
  readonly prefix: string;
  /** Who the on-call alarms reach. */
  readonly alarmEmails: readonly string[];
  /** E.164 numbers that get the on-call alarms by SMS. */
  readonly alarmPhoneNumbers: readonly string[];
  /** The language of the pages posted to the chat (fr by default). */
  readonly alertLanguage: Language;
  /** The repository's web address for its files (https://.../blob/main); alarms then link their runbook there, else by its path. */
  readonly runbookBaseUrl?: string | undefined;
  /**
   * Where the rates loader reads the daily reference exchange rates each hour (NDF_RATES_SOURCE_URL):
   * an https:// address serving a file in the ECB's CSV formats or the JSON form. Without it, no
   * rates are loaded but by an operator (`npm run rates -- load <file> --cloud`).
   */
  readonly ratesSourceUrl?: string | undefined;
}

export const DEFAULT_REGION = 'eu-west-3';

/** Reads one setting from the CDK context (`-c key=value`, cdk.json) or else the environment. */
export type SettingSource = (key: string) => string | undefined;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** The deployment's configuration from its settings, checked; throws with every problem at once. */
export function deploymentConfig(setting: SettingSource): DeploymentConfig {
  const stage = setting('stage') ?? 'prod';
  const config: DeploymentConfig = {
    stage,
    region: setting('region') ?? DEFAULT_REGION,
    account: setting('account'),
    prefix: setting('prefix') ?? (stage === 'prod' ? DEFAULT_PREFIX : `ndf-${stage}-`),
    alarmEmails: list(setting('alarmEmails')),
    alarmPhoneNumbers: list(setting('alarmPhoneNumbers')),
    alertLanguage: (setting('alertLanguage') ?? 'fr') as Language,
    runbookBaseUrl: setting('runbookBaseUrl'),
    ratesSourceUrl: setting('ratesSourceUrl'),
  };
  const problems = configProblems(config);
  if (problems.length > 0) throw new Error(`The deployment configuration is not usable:\n- ${problems.join('\n- ')}`);
  return config;
}

export function configProblems(config: DeploymentConfig): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(config.stage))
    problems.push(`stage "${config.stage}" must be lowercase letters, digits and dashes, at most 20.`);
  // The platform holds personal data of EU employees: it is deployed in an EU region only.
  if (!/^eu-(west|central|north|south)-\d$/.test(config.region))
    problems.push(`region "${config.region}" is not an EU region (eu-west-3, Paris, by default).`);
  if (config.account !== undefined && !/^\d{12}$/.test(config.account))
    problems.push(`account "${config.account}" is not a 12-digit AWS account id.`);
  // Bucket names: lowercase, dots avoided (TLS), at most 63 characters with the longest bucket name appended.
  if (!/^[a-z0-9][a-z0-9-]{0,29}$/.test(config.prefix))
    problems.push(`prefix "${config.prefix}" must be lowercase letters, digits and dashes, at most 30.`);
  for (const email of config.alarmEmails)
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push(`alarm email "${email}" is not an address.`);
  for (const phone of config.alarmPhoneNumbers)
    if (!/^\+[1-9]\d{6,14}$/.test(phone)) problems.push(`alarm phone "${phone}" is not an E.164 number (+33612345678).`);
  if (!isLanguage(config.alertLanguage)) problems.push(`alert language "${config.alertLanguage}" is not one of ${LANGUAGES.join(', ')}.`);
  if (config.runbookBaseUrl !== undefined && !/^https:\/\/[^\s]+$/.test(config.runbookBaseUrl))
    problems.push(`runbook base URL "${config.runbookBaseUrl}" is not an https:// address.`);
  if (config.ratesSourceUrl !== undefined && !/^https:\/\/[^\s]+$/.test(config.ratesSourceUrl))
    problems.push(`rates source URL "${config.ratesSourceUrl}" is not an https:// address.`);
  return problems;
}

/** Settings for a CDK app: `-c key=value` first, then NDF_<KEY> variables (alarmEmails → NDF_ALARM_EMAILS). */
export function settingsFrom(context: (key: string) => unknown, env: NodeJS.ProcessEnv = process.env): SettingSource {
  return (key) => {
    const fromContext = context(key);
    if (typeof fromContext === 'string' && fromContext.length > 0) return fromContext;
    const variable = `NDF_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
    const fromEnv = env[variable];
    return fromEnv && fromEnv.length > 0 ? fromEnv : undefined;
  };
}
