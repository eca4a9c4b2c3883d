/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload is CommonJS */
// Preloaded with --require into a child process (and, through execArgv, into its worker threads):
// every attempt to reach the network is written to NDF_NETWORK_LOG and refused.
const { appendFileSync } = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const { isMainThread } = require('node:worker_threads');

const log = process.env.NDF_NETWORK_LOG;
const record = (what) => {
  if (log) appendFileSync(log, `${isMainThread ? 'main' : 'worker'} ${what}\n`);
  return new Error(`network forbidden in this test: ${what}`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // Node passes its normalised arguments as one array; a path (local IPC, as tsx uses) is not the network.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null && typeof first.path === 'string') return connect.apply(this, args);
  if (typeof first === 'string' && !/^\d+$/.test(first)) return connect.apply(this, args);
  throw record(`socket connect ${JSON.stringify(first)}`);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  dns[name] = (host, ...rest) => {
    const callback = rest.at(-1);
    const error = record(`dns ${name} ${host}`);
    if (typeof callback === 'function') process.nextTick(callback, error);
    else throw error;
  };
}
globalThis.fetch = async (url) => {
  throw record(`fetch ${String(url)}`);
};
