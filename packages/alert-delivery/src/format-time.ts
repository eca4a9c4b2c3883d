import { PHRASES, type Language } from './language.js';

/** An instant as a person reads it, with its time zone named: "07/12/2026 07:03:12 UTC". */
export function formatInstant(at: number, language: Language, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(PHRASES[language].locale, {
    dateStyle: 'short',
    timeStyle: 'long',
    timeZone,
  }).format(at);
}

/** A duration in its two largest units: "45 s", "3 min 12 s", "2 h 05 min", "3 j 4 h" (days: "d" in English). */
export function formatDuration(ms: number, language: Language): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days} ${language === 'fr' ? 'j' : 'd'} ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(rest)} s`;
  return `${rest} s`;
}
