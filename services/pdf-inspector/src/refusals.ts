/** Why a PDF is not used: the code is the contract, the texts are ready for the user. */
export type InspectRefusalCode = 'encrypted-pdf' | 'too-many-pages' | 'empty-pdf' | 'corrupt-pdf' | 'too-complex' | 'processing-timeout';

export interface UserMessage {
  readonly fr: string;
  readonly en: string;
}

export function inspectRefusalMessage(code: InspectRefusalCode, maxPages: number): UserMessage {
  switch (code) {
    case 'encrypted-pdf':
      return {
        fr: 'Ce PDF est protégé par un mot de passe ou chiffré : envoyez une version non protégée.',
        en: 'This PDF is password-protected or encrypted: send an unprotected copy.',
      };
    case 'too-many-pages':
      return {
        fr: `Ce PDF a plus de ${maxPages} pages : envoyez chaque justificatif séparément.`,
        en: `This PDF has more than ${maxPages} pages: send each receipt separately.`,
      };
    case 'empty-pdf':
      return { fr: "Ce PDF n'a aucune page.", en: 'This PDF has no pages.' };
    case 'corrupt-pdf':
      return {
        fr: 'Ce PDF est abîmé et ne peut pas être lu : renvoyez-le.',
        en: 'This PDF is damaged and cannot be read: please send it again.',
      };
    case 'too-complex':
      return {
        fr: 'Ce PDF est trop lourd à traiter : envoyez une version plus simple (une photo ou un PDF par justificatif).',
        en: 'This PDF is too heavy to process: send a simpler version (a photo or one PDF per receipt).',
      };
    case 'processing-timeout':
      return {
        fr: 'Ce PDF prend trop de temps à lire : envoyez une version plus simple.',
        en: 'This PDF takes too long to read: send a simpler version.',
      };
  }
}
