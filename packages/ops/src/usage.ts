/** Wrong arguments: the CLI answers with the message and its usage, exit code 2. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

export const USAGE = `usage: npm run ops -- <command> [--json]
  status                              every component: up, flow, p99, queue, dead letters, alert
  alerts                              the open alerts and the latest alert events
  quarantine list [--service S] [--status quarantined|replaying|replayed|discarded] [--limit N]
  quarantine show <service> <id>
  quarantine replay <service> <id> --operator <name> [--reason "..."] [--queue <queue name>]
  quarantine discard <service> <id> --operator <name> --reason "..."
  reconcile now
  console [--operator <e-mail>]       a link signing a browser tab in to the laptop's ops console

Against the laptop when AWS_ENDPOINT_URL_* are set (\`npm run stack\` prints them), else against
the cloud with the usual AWS credentials and region; NDF_PREFIX names the deployment (default ndf-).`;
