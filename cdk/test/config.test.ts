import { describe, expect, it } from 'vitest';
import { configProblems, deploymentConfig, settingsFrom } from '../src/config.js';

const settings = (values: Record<string, string>) => (key: string) => values[key];

describe('the deployment configuration', () => {
  it('defaults to production in Paris with the catalog prefix', () => {
    expect(deploymentConfig(settings({}))).toEqual({
      stage: 'prod',
      region: 'eu-west-3',
      account: undefined,
      prefix: 'ndf-',
      alarmEmails: [],
      alarmPhoneNumbers: [],
      alertLanguage: 'fr',
    });
    expect(deploymentConfig(settings({ stage: 'staging' })).prefix).toBe('ndf-staging-');
  });

  it('refuses a region outside the EU, naming it', () => {
    expect(() => deploymentConfig(settings({ region: 'us-east-1' }))).toThrow('region "us-east-1" is not an EU region');
    expect(deploymentConfig(settings({ region: 'eu-central-1' })).region).toBe('eu-central-1');
  });

  it('lists every bad setting at once', () => {
    const problems = configProblems({
      stage: 'Prod!',
      region: 'eu-west-3',
      account: '42',
      prefix: 'NDF_',
      alarmEmails: ['oncall'],
      alarmPhoneNumbers: ['0612345678'],
      alertLanguage: 'de' as 'fr',
    });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(
      /stage "Prod!".*\n.*account "42".*\n.*prefix "NDF_".*\n.*alarm email "oncall".*\n.*alarm phone "0612345678".*\n.*alert language "de" is not one of fr, en/,
    );
  });

  it('refuses a runbook base URL that is not https', () => {
    expect(() => deploymentConfig(settings({ runbookBaseUrl: 'git.example.com/ndf' }))).toThrow(
      'runbook base URL "git.example.com/ndf" is not an https:// address',
    );
    expect(deploymentConfig(settings({ runbookBaseUrl: 'https://git.example.com/ndf/blob/main' })).runbookBaseUrl).toBe(
      'https://git.example.com/ndf/blob/main',
    );
  });

  it("takes the rates loader's source as an https:// address only", () => {
    expect(() => deploymentConfig(settings({ ratesSourceUrl: 'http://rates.example.com/eurofxref-hist.csv' }))).toThrow(
      'rates source URL "http://rates.example.com/eurofxref-hist.csv" is not an https:// address',
    );
    expect(deploymentConfig(settings({ ratesSourceUrl: 'https://rates.example.com/eurofxref-hist.csv' })).ratesSourceUrl).toBe(
      'https://rates.example.com/eurofxref-hist.csv',
    );
  });

  it('reads -c context first, then NDF_ variables, splitting lists on commas', () => {
    const source = settingsFrom((key) => ({ stage: 'staging' })[key], {
      NDF_STAGE: 'ignored',
      NDF_ALARM_EMAILS: 'a@example.com, b@example.com',
      NDF_ALARM_PHONE_NUMBERS: '+33612345678',
    });
    expect(deploymentConfig(source)).toMatchObject({
      stage: 'staging',
      alarmEmails: ['a@example.com', 'b@example.com'],
      alarmPhoneNumbers: ['+33612345678'],
    });
  });
});
