import type { ServiceEntry, ServiceTaskSize } from './types.js';

export interface ServiceDeployment {
  readonly cpu: ServiceTaskSize['cpu'];
  readonly memoryMiB: number;
  readonly minTasks: number;
  readonly maxTasks: number;
}

export const DEFAULT_TASK_SIZE: ServiceTaskSize = { cpu: 256, memoryMiB: 512 };
export const DEFAULT_MAX_TASKS = 10;

/** Memory (MiB) Fargate accepts for each CPU size. */
export const FARGATE_MEMORY_MIB: Readonly<Record<ServiceTaskSize['cpu'], readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  2048: Array.from({ length: 13 }, (_, index) => 4096 + index * 1024),
  4096: Array.from({ length: 23 }, (_, index) => 8192 + index * 1024),
};

/**
 * A service's task size and task range in the cloud. Critical services never drop below one
 * task, so their queue is read the moment a message lands; others idle at one task unless
 * the catalog lets them scale to zero (the backlog then starts the first one).
 */
export function serviceDeployment(service: ServiceEntry): ServiceDeployment {
  const size = service.task ?? DEFAULT_TASK_SIZE;
  const scaleToZero = !service.critical && (service.scaling?.scaleToZero ?? false);
  return {
    cpu: size.cpu,
    memoryMiB: size.memoryMiB,
    minTasks: scaleToZero ? 0 : 1,
    maxTasks: service.scaling?.maxTasks ?? DEFAULT_MAX_TASKS,
  };
}
