import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port the OS considers free right now on loopback (for tests and ephemeral stacks). */
export function freePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly component: string,
    readonly envVariable: string | undefined,
  ) {
    super(
      `Port ${port} on ${LOOPBACK}, wanted by ${component}, is already in use. ` +
        `Stop whatever listens there (\`ss -ltnp | grep :${port}\` tells which process)` +
        (envVariable ? ` or choose another port with ${envVariable}=<port>.` : '.'),
    );
    this.name = 'PortInUseError';
  }
}

/** Fails with a sentence that says what to do when the port is taken. */
export function assertPortFree(port: number, component: string, envVariable?: string, host = LOOPBACK): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, component, envVariable) : error),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}
