export { createOnce, type Once, type OnceOptions } from './once.js';
