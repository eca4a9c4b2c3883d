/** Small byte-level helpers: the sniffer looks for markers, never parses whole files. */

export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0, to = haystack.length): number {
  const last = Math.min(to, haystack.length) - needle.length;
  outer: for (let index = Math.max(0, from); index <= last; index++) {
    for (let offset = 0; offset < needle.length; offset++) if (haystack[index + offset] !== needle[offset]) continue outer;
    return index;
  }
  return -1;
}

export function lastIndexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let index = haystack.length - needle.length; index >= Math.max(0, from); index--) {
    for (let offset = 0; offset < needle.length; offset++) if (haystack[index + offset] !== needle[offset]) continue outer;
    return index;
  }
  return -1;
}

export function startsWithBytes(haystack: Uint8Array, needle: Uint8Array, at = 0): boolean {
  return indexOfBytes(haystack, needle, at, at + needle.length) === at;
}

/** One character per byte, so that regular expressions can look for ASCII markers at byte offsets. */
export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

export const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
