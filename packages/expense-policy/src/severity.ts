/** A warning is shown to the employee and the approver; a block stops the note (or the capped rest). */
export const SEVERITIES = ['warning', 'block'] as const;
export type Severity = (typeof SEVERITIES)[number];
