import type { OpsTarget } from './target.js';

/** What a command is given: where it acts, and how it answers (as text, or as JSON with --json). */
export interface CommandContext {
  readonly target: OpsTarget;
  /** Writes `value` as JSON with --json, else the text `asText` makes of it. */
  print(value: unknown, asText: () => string): void;
}
