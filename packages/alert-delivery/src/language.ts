import type { NoticeState } from './notice.js';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

export interface Phrases {
  readonly locale: string;
  /** The subject's tag, in brackets: [ALERTE], [RÉSOLU]. */
  readonly tag: Record<NoticeState, string>;
  readonly updated: string;
  readonly seen: string;
  readonly since: string;
  readonly ago: (duration: string) => string;
  readonly lasted: (duration: string) => string;
  readonly resolvedAt: string;
  readonly correlationIds: string;
  readonly none: string;
  readonly runbook: string;
  readonly seeMore: string;
  readonly console: string;
  readonly components: (count: number) => string;
  readonly andMore: (count: number, components: string) => string;
  readonly intro: (count: number) => string;
}

export const PHRASES: Record<Language, Phrases> = {
  fr: {
    locale: 'fr-FR',
    tag: { firing: 'ALERTE', updated: 'ALERTE', resolved: 'RÉSOLU' },
    updated: 'mise à jour',
    seen: 'Constaté',
    since: 'Depuis',
    ago: (duration) => `il y a ${duration}`,
    lasted: (duration) => `a duré ${duration}`,
    resolvedAt: 'Résolu à',
    correlationIds: 'Identifiants de corrélation',
    none: 'aucun',
    runbook: 'Procédure',
    seeMore: 'Pour en voir plus',
    console: 'la console d’exploitation',
    components: (count) => `${count} composants`,
    andMore: (count, components) => `et ${count} de plus : ${components}`,
    intro: (count) => (count === 1 ? 'Une alerte de la plateforme Notes de frais.' : `${count} alertes de la plateforme Notes de frais.`),
  },
  en: {
    locale: 'en-GB',
    tag: { firing: 'ALERT', updated: 'ALERT', resolved: 'RESOLVED' },
    updated: 'update',
    seen: 'Seen',
    since: 'Since',
    ago: (duration) => `${duration} ago`,
    lasted: (duration) => `lasted ${duration}`,
    resolvedAt: 'Resolved at',
    correlationIds: 'Correlation ids',
    none: 'none',
    runbook: 'Runbook',
    seeMore: 'To see more',
    console: 'the ops console',
    components: (count) => `${count} components`,
    andMore: (count, components) => `and ${count} more: ${components}`,
    intro: (count) => (count === 1 ? 'An alert of the Notes de frais platform.' : `${count} alerts of the Notes de frais platform.`),
  },
};

/** Between a label and its value: French puts a space before the colon. */
export const fieldSeparator = (language: Language): string => (language === 'fr' ? ' : ' : ': ');

/** A label that a list follows on the next lines: "Constaté :", "Seen:". */
export const heading = (label: string, language: Language): string => `${label}${fieldSeparator(language).trimEnd()}`;
