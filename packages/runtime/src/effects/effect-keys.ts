/** Where `once` keeps the claim of one effect in the runtime table: in its service's own partitions. */
export const effectPartition = (service: string, effectKey: string): string => `EFFECT#${service}#${effectKey}`;
