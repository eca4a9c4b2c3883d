export { ServiceHost } from './service-host.js';
export { loadDefinition, startDefinition } from './load-definition.js';
