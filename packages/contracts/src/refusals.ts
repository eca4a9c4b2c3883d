import { MAX_RECEIPT_BYTES } from './receipt.js';

/** A text ready to show to the user, in both languages of the app. */
export interface UserMessage {
  readonly fr: string;
  readonly en: string;
}

/**
 * Why a file is not taken as a receipt: the code is the stable contract (the app may translate
 * it, GET /v1/notes/{id} shows it as `receipts[].refusal.code`); one list for every receipt service.
 */
export const REFUSAL_CODES = [
  'empty',
  'too-large',
  'truncated',
  'unknown-format',
  'unsupported-format',
  'executable',
  'archive',
  'markup',
  'text',
  'encrypted-pdf',
  'polyglot',
  'too-many-pixels',
  'too-small',
  'too-many-pages',
  'undecodable',
  'empty-pdf',
  'corrupt-pdf',
  'too-complex',
  'processing-timeout',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** The limits some texts quote; the platform's own by default. */
export interface RefusalLimits {
  readonly maxBytes?: number;
  readonly maxPages?: number;
}

export const MAX_RECEIPT_PAGES = 20;

const ACCEPTED = { fr: 'photo (JPEG, PNG, HEIC, AVIF, WebP, TIFF) ou PDF', en: 'photo (JPEG, PNG, HEIC, AVIF, WebP, TIFF) or PDF' };

const MESSAGES: { readonly [C in RefusalCode]: (limits: Required<RefusalLimits>) => UserMessage } = {
  empty: () => ({ fr: 'Le fichier est vide.', en: 'The file is empty.' }),
  'too-large': ({ maxBytes }) => {
    const megabytes = Math.floor(maxBytes / (1024 * 1024));
    return { fr: `Le fichier dépasse la taille maximale de ${megabytes} Mo.`, en: `The file is larger than the ${megabytes} MB limit.` };
  },
  truncated: () => ({
    fr: 'Le fichier est incomplet ou abîmé : renvoyez-le.',
    en: 'The file is incomplete or damaged: please send it again.',
  }),
  'unknown-format': () => ({
    fr: `Format de fichier non reconnu : envoyez une ${ACCEPTED.fr}.`,
    en: `Unrecognised file format: send a ${ACCEPTED.en}.`,
  }),
  'unsupported-format': () => ({
    fr: `Ce format n'est pas accepté : envoyez une ${ACCEPTED.fr}.`,
    en: `This format is not accepted: send a ${ACCEPTED.en}.`,
  }),
  executable: () => ({ fr: 'Ce fichier est un programme, pas un justificatif.', en: 'This file is a program, not a receipt.' }),
  archive: () => ({
    fr: 'Ce fichier est une archive ou un document bureautique : envoyez le justificatif lui-même (photo ou PDF).',
    en: 'This file is an archive or an office document: send the receipt itself (photo or PDF).',
  }),
  markup: () => ({
    fr: 'Ce fichier est une page web ou un dessin SVG/XML, pas un justificatif.',
    en: 'This file is a web page or an SVG/XML drawing, not a receipt.',
  }),
  text: () => ({
    fr: `Ce fichier contient du texte brut : envoyez une ${ACCEPTED.fr}.`,
    en: `This file is plain text: send a ${ACCEPTED.en}.`,
  }),
  'encrypted-pdf': () => ({
    fr: 'Ce PDF est protégé par un mot de passe ou chiffré : envoyez une version non protégée.',
    en: 'This PDF is password-protected or encrypted: send an unprotected copy.',
  }),
  polyglot: () => ({
    fr: 'Ce fichier contient un autre fichier caché : il a été refusé par sécurité.',
    en: 'This file hides another file inside it: it was refused for safety.',
  }),
  'too-many-pixels': () => ({
    fr: "L'image annonce des dimensions démesurées : elle a été refusée par sécurité.",
    en: 'The image claims enormous dimensions: it was refused for safety.',
  }),
  'too-small': () => ({
    fr: "L'image est trop petite pour qu'on puisse lire le justificatif : envoyez une photo plus nette.",
    en: 'The image is too small for the receipt to be read: send a sharper photo.',
  }),
  'too-many-pages': ({ maxPages }) => ({
    fr: `Le fichier a plus de ${maxPages} pages : envoyez chaque justificatif séparément.`,
    en: `The file has more than ${maxPages} pages: send each receipt separately.`,
  }),
  undecodable: () => ({
    fr: "L'image est abîmée et ne peut pas être lue : renvoyez-la.",
    en: 'The image is damaged and cannot be read: please send it again.',
  }),
  'empty-pdf': () => ({ fr: "Ce PDF n'a aucune page.", en: 'This PDF has no pages.' }),
  'corrupt-pdf': () => ({
    fr: 'Ce PDF est abîmé et ne peut pas être lu : renvoyez-le.',
    en: 'This PDF is damaged and cannot be read: please send it again.',
  }),
  'too-complex': () => ({
    fr: 'Ce fichier est trop lourd à traiter : envoyez une version plus simple (une photo ou un PDF par justificatif).',
    en: 'This file is too heavy to process: send a simpler version (a photo or one PDF per receipt).',
  }),
  'processing-timeout': () => ({
    fr: 'Ce fichier prend trop de temps à lire : envoyez une version plus simple (une photo ou un PDF par justificatif).',
    en: 'This file takes too long to read: send a simpler version (a photo or one PDF per receipt).',
  }),
};

/** What the user is told about a refused file, in French and English. */
export function refusalMessage(code: RefusalCode, limits: RefusalLimits = {}): UserMessage {
  return MESSAGES[code]({ maxBytes: limits.maxBytes ?? MAX_RECEIPT_BYTES, maxPages: limits.maxPages ?? MAX_RECEIPT_PAGES });
}
