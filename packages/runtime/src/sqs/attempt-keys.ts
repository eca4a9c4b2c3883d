/** Where the attempts of one message are kept in the runtime table: in its service's own partitions. */
export const attemptsPartition = (service: string, messageId: string): string => `ATTEMPTS#${service}#${messageId}`;
