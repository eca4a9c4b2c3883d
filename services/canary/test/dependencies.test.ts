import { describe, expect, it } from 'vitest';
import { canaryDependencies } from '../src/dependencies.js';

const env = { NDF_INGEST_API_URL: 'http://127.0.0.1:1/v1' };

describe("the canary's dependencies", () => {
  it('fail every run at its token with the reason when no token source is configured, rather than stop the service', async () => {
    const dependencies = await canaryDependencies({ env });
    await expect(dependencies.tokens.token(AbortSignal.timeout(1_000))).rejects.toThrow('No token source');
  });

  it("stop the service when the API's address or a setting cannot work", async () => {
    await expect(canaryDependencies({ env: {} })).rejects.toThrow('NDF_INGEST_API_URL is not set');
    await expect(canaryDependencies({ env: { ...env, NDF_SCHEDULE_SECONDS: '120' } })).rejects.toThrow(
      "A tick's runs (its period and one interval more) must fit in the canary's deadline of 80 s.",
    );
  });
});
