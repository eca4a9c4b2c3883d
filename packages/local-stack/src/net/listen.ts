import type { Server } from 'node:net';
import { LOOPBACK, PortInUseError } from './ports.js';

/** Binds a server to loopback; a taken port fails with a PortInUseError naming the component. */
export function listenOnLoopback(server: Server, port: number, component: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, component, undefined) : error),
    );
    server.listen({ port, host: LOOPBACK }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes a server, cutting idle keep-alive connections so that close does not wait on them. */
export function closeServer(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
