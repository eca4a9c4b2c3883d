/** Formats file-type recognises that are never a receipt, by the reason given to the user. */

/** Programs, and packages that run as programs (JAR, APK, browser extensions). */
export const EXECUTABLES: ReadonlySet<string> = new Set(['exe', 'elf', 'macho', 'class', 'wasm', 'swf', 'lnk', 'jar', 'apk', 'crx', 'xpi', 'dex']);

/** Archives and the office documents that are ZIP files inside (OOXML, ODF, EPUB...). */
export const ARCHIVES: ReadonlySet<string> = new Set([
  'zip', 'tar', 'tar.gz', 'rar', 'gz', 'bz2', '7z', 'xz', 'zst', 'lz', 'lz4', 'lzh', 'Z', 'cab', 'ar', 'deb', 'rpm', 'cpio', 'arj', 'ace', 'asar', 'dmg',
  'docx', 'docm', 'dotx', 'dotm', 'xlsx', 'xlsm', 'xltx', 'xltm', 'pptx', 'pptm', 'potx', 'potm', 'ppsx', 'ppsm', 'vsdx', '3mf',
  'odt', 'ods', 'odp', 'odg', 'ott', 'ots', 'otp', 'otg', 'epub',
]);

export const MARKUP: ReadonlySet<string> = new Set(['xml']);

export const TEXT: ReadonlySet<string> = new Set(['ics', 'vcf', 'vtt']);
