/**
 * Where `needle` first occurs as a contiguous run of `haystack`, or -1: Knuth-Morris-Pratt,
 * linear in both lengths (comparing every span of a long line's words was cubic).
 */
export function indexOfRun(haystack: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0) return -1;
  const fallback = new Array<number>(needle.length).fill(0);
  for (let index = 1, matched = 0; index < needle.length; index++) {
    while (matched > 0 && needle[index] !== needle[matched]) matched = fallback[matched - 1]!;
    if (needle[index] === needle[matched]) matched++;
    fallback[index] = matched;
  }
  for (let index = 0, matched = 0; index < haystack.length; index++) {
    while (matched > 0 && haystack[index] !== needle[matched]) matched = fallback[matched - 1]!;
    if (haystack[index] === needle[matched]) matched++;
    if (matched === needle.length) return index - needle.length + 1;
  }
  return -1;
}
