export { useSharedStack, type SharedStack } from './use-shared-stack.js';
