/** Why an image gets no normalised copy: the code is the contract, the texts are ready for the user. */
export type NormaliseRefusalCode = 'too-many-pixels' | 'too-small' | 'too-many-pages' | 'unsupported-format' | 'undecodable';

export interface UserMessage {
  readonly fr: string;
  readonly en: string;
}

export const NORMALISE_REFUSALS: Readonly<Record<NormaliseRefusalCode, UserMessage>> = {
  'too-many-pixels': {
    fr: "L'image annonce des dimensions démesurées : elle a été refusée par sécurité.",
    en: 'The image claims enormous dimensions: it was refused for safety.',
  },
  'too-small': {
    fr: "L'image est trop petite pour qu'on puisse lire le justificatif : envoyez une photo plus nette.",
    en: 'The image is too small for the receipt to be read: send a sharper photo.',
  },
  'too-many-pages': {
    fr: 'Le fichier a trop de pages : envoyez chaque justificatif séparément.',
    en: 'The file has too many pages: send each receipt separately.',
  },
  'unsupported-format': {
    fr: "Ce format d'image n'est pas accepté : envoyez une photo JPEG, PNG, HEIC, WebP ou TIFF.",
    en: 'This image format is not accepted: send a JPEG, PNG, HEIC, WebP or TIFF photo.',
  },
  undecodable: {
    fr: "L'image est abîmée et ne peut pas être lue : renvoyez-la.",
    en: 'The image is damaged and cannot be read: please send it again.',
  },
};
