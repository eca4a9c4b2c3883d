export { ServiceHost } from './service-host.js';
export { loadDefinition } from './load-definition.js';
