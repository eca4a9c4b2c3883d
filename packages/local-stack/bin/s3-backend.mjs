#!/usr/bin/env node
// The S3 emulator behind the S3 edge, in a process of its own because s3rver's listing
// tokens use DES, which Node 20 only offers with --openssl-legacy-provider. It binds to
// loopback, keeps objects in the given folder, and exits when its parent closes stdin.
// Usage: node --openssl-legacy-provider s3-backend.mjs <port> <directory>
import S3rver from 's3rver';

const [port, directory] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  vhostBuckets: false,
  allowMismatchedSignatures: true,
});
await server.run();
process.stdout.write(`s3-backend ready on 127.0.0.1:${port}\n`);
process.stdin.resume();
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.on('error', () => process.exit(0));
