/** Whether a format's own end is in the file, and where its data stops (what follows is a trailer). */
export type EndCheck =
  | { readonly complete: true; readonly end: number; readonly allowedTrailers?: ReadonlySet<string> }
  | { readonly complete: false; readonly detail: string };

export const truncated = (detail: string): EndCheck => ({ complete: false, detail });
