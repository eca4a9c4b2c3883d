/**
 * Which service a line of a supervised process speaks for. The services' console format
 * (NDF_LOG_FORMAT=pretty, see the runtime's logger) starts each line with the service and `│`,
 * which matters for a host process, whose lines come from several services.
 */
export function consoleLine(processName: string, line: string): { readonly service: string; readonly text: string } {
  const match = /^(\S+) *│ (.*)$/.exec(line);
  return match ? { service: match[1]!, text: match[2]! } : { service: processName, text: line };
}

/**
 * What the platform asks every process for: short console lines, and the EMF documents CloudWatch
 * reads in the cloud, which the platform hands to its monitor and keeps off the console.
 */
export const CONSOLE_ENVIRONMENT: Record<string, string> = { NDF_LOG_FORMAT: 'pretty', NDF_EMF: 'true' };
