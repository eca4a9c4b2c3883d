import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookServer {
  readonly url: string;
  /** The JSON bodies received, in order. */
  readonly bodies: unknown[];
  close(): Promise<void>;
}

/**
 * A chat webhook for tests: a real HTTP server on loopback that records each JSON body and
 * answers with the status `answer` gives for the request's number (1 for the first), or never
 * answers (a hung chat) when it gives undefined.
 */
export async function startWebhookServer(answer: (requestNumber: number) => number | undefined): Promise<WebhookServer> {
  const bodies: unknown[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      const status = answer(bodies.length);
      if (status === undefined) return void hanging.push(response);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'invalid_token');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/XXXX`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
