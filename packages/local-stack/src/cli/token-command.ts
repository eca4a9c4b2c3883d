import { configFromEnvironment } from '../config.js';
import { LOOPBACK } from '../net/ports.js';

/** Asks the running stack's token issuer for a token and prints it, alone, on stdout. */
export async function tokenCommand(options: {
  tenant: string;
  user: string;
  roles: string;
  email?: string | undefined;
  expiresIn?: string | undefined;
}): Promise<void> {
  const { ports } = configFromEnvironment(process.env, undefined);
  const url = `http://${LOOPBACK}:${ports.issuer}/token`;
  const body = {
    tenant: options.tenant,
    user: options.user,
    roles: options.roles
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
    ...(options.email ? { email: options.email } : {}),
    ...(options.expiresIn ? { expiresInSeconds: Number(options.expiresIn) } : {}),
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3_000),
    });
  } catch {
    throw new Error(`No token issuer answers at ${url}: start the platform first (npm start).`);
  }
  const payload = (await response.json()) as { token?: string; detail?: string };
  if (!response.ok || !payload.token) throw new Error(`The token issuer refused: ${payload.detail ?? response.status}`);
  console.log(payload.token);
}
