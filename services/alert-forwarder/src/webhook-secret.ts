import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** How long a container keeps the address it read: a new address is taken within this long. */
const CACHE_MS = 5 * 60_000;

/** The chat webhook's address, if the secret holds one; anything else means none is set up. */
export type WebhookAddress = () => Promise<string | undefined>;

/**
 * Reads the webhook's address from a Secrets Manager secret (its whole value, an https://
 * address), kept for a few minutes. The secret is created with a random value: until an
 * operator puts an address in it, there is no chat to post to.
 */
export function webhookFromSecret(secretId: string, client = new SecretsManagerClient({ maxAttempts: 3 })): WebhookAddress {
  let cached: { value: string | undefined; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.value;
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const value = answer.SecretString?.trim();
    cached = { value: value && /^https:\/\/\S+$/.test(value) ? value : undefined, until: Date.now() + CACHE_MS };
    return cached.value;
  };
}
