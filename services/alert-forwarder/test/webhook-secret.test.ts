import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { webhookFromSecret } from '../src/webhook-secret.js';

/** A client that answers GetSecretValue with the values given, in turn, and counts the calls. */
function secretsAnswering(...values: (string | undefined)[]) {
  const asked: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      asked.push(command.input);
      return { SecretString: values[Math.min(asked.length, values.length) - 1] };
    },
  } as unknown as SecretsManagerClient;
  return { client, asked };
}

describe("the webhook's address from Secrets Manager", () => {
  it('takes an https address, and reads the secret once for many pages', async () => {
    const { client, asked } = secretsAnswering(' https://hooks.slack.com/services/T000/B000/XXXX\n');
    const address = webhookFromSecret('arn:aws:secretsmanager:eu-west-3:123456789012:secret:ndf-alerts-chat-webhook-AbCdEf', client);
    expect(await address()).toBe('https://hooks.slack.com/services/T000/B000/XXXX');
    expect(await address()).toBe('https://hooks.slack.com/services/T000/B000/XXXX');
    expect(asked).toEqual([{ SecretId: 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:ndf-alerts-chat-webhook-AbCdEf' }]);
  });

  it('takes the random value the secret is created with, or a plain http address, for no webhook at all', async () => {
    for (const value of ['x8#Qe!vR2^pLk0', 'http://hooks.example.com/unencrypted', undefined]) {
      const { client } = secretsAnswering(value);
      expect(await webhookFromSecret('s', client)(), String(value)).toBeUndefined();
    }
  });
});
