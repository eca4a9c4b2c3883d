/**
 * Why a file is not taken as a receipt. The code is the stable contract (the app may translate
 * it); the French and English texts are ready to show to the user as they are.
 */
export type SniffRefusalCode =
  | 'empty'
  | 'too-large'
  | 'truncated'
  | 'unknown-format'
  | 'unsupported-format'
  | 'executable'
  | 'archive'
  | 'markup'
  | 'text'
  | 'encrypted-pdf'
  | 'polyglot';

export interface UserMessage {
  readonly fr: string;
  readonly en: string;
}

const ACCEPTED_FR = 'photo (JPEG, PNG, HEIC, WebP, TIFF) ou PDF';
const ACCEPTED_EN = 'photo (JPEG, PNG, HEIC, WebP, TIFF) or PDF';

export function sniffRefusalMessage(code: SniffRefusalCode, maxBytes: number): UserMessage {
  const megabytes = Math.floor(maxBytes / (1024 * 1024));
  switch (code) {
    case 'empty':
      return { fr: 'Le fichier est vide.', en: 'The file is empty.' };
    case 'too-large':
      return { fr: `Le fichier dépasse la taille maximale de ${megabytes} Mo.`, en: `The file is larger than the ${megabytes} MB limit.` };
    case 'truncated':
      return { fr: 'Le fichier est incomplet ou abîmé : renvoyez-le.', en: 'The file is incomplete or damaged: please send it again.' };
    case 'unknown-format':
      return { fr: `Format de fichier non reconnu : envoyez une ${ACCEPTED_FR}.`, en: `Unrecognised file format: send a ${ACCEPTED_EN}.` };
    case 'unsupported-format':
      return { fr: `Ce format n'est pas accepté : envoyez une ${ACCEPTED_FR}.`, en: `This format is not accepted: send a ${ACCEPTED_EN}.` };
    case 'executable':
      return { fr: 'Ce fichier est un programme, pas un justificatif.', en: 'This file is a program, not a receipt.' };
    case 'archive':
      return {
        fr: 'Ce fichier est une archive ou un document bureautique : envoyez le justificatif lui-même (photo ou PDF).',
        en: 'This file is an archive or an office document: send the receipt itself (photo or PDF).',
      };
    case 'markup':
      return {
        fr: 'Ce fichier est une page web ou un dessin SVG/XML, pas un justificatif.',
        en: 'This file is a web page or an SVG/XML drawing, not a receipt.',
      };
    case 'text':
      return {
        fr: `Ce fichier contient du texte brut : envoyez une ${ACCEPTED_FR}.`,
        en: `This file is plain text: send a ${ACCEPTED_EN}.`,
      };
    case 'encrypted-pdf':
      return {
        fr: 'Ce PDF est protégé par un mot de passe ou chiffré : envoyez une version non protégée.',
        en: 'This PDF is password-protected or encrypted: send an unprotected copy.',
      };
    case 'polyglot':
      return {
        fr: 'Ce fichier contient un autre fichier caché : il a été refusé par sécurité.',
        en: 'This file hides another file inside it: it was refused for safety.',
      };
  }
}
