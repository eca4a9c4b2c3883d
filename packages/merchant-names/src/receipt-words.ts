import type { Category } from './categories.js';
import { collapseSpaces, foldText } from './fold.js';

/**
 * Words a receipt prints that tell its category, written without accents in upper case as
 * folded text reads (`péage` → `PEAGE`). Each counts once per receipt, however often printed.
 * Words other expenses print too are left out (`VOITURE` is a train car and a rented car,
 * `RECHARGE` a phone top-up and an electric charge): they would make ties of clear receipts.
 */
export const CATEGORY_WORDS: Readonly<Record<Category, readonly string[]>> = {
  train: ['BILLET DE TRAIN', 'TGV', 'TER', 'PLACE ASSISE', 'ALLER SIMPLE', 'ALLER RETOUR', 'VOYAGEUR'],
  plane: ['EMBARQUEMENT', 'BOARDING PASS', 'VOL', 'FLIGHT', 'BAGAGE EN SOUTE'],
  taxi: ['TAXI', 'PRISE EN CHARGE', 'COURSE', 'TARIF A', 'TARIF B', 'TARIF C', 'TARIF D'],
  ride_hailing: ['VTC', 'TRIP', 'RIDE'],
  hotel: ['NUITEE', 'NUITEES', 'CHAMBRE', 'TAXE DE SEJOUR', 'HEBERGEMENT', 'ROOM', 'NIGHT'],
  restaurant: ['MENU', 'PLAT', 'DESSERT', 'ENTREE', 'COUVERT', 'COUVERTS', 'SERVICE COMPRIS', 'BOISSON', 'CAFE'],
  fuel: ['GAZOLE', 'GASOIL', 'DIESEL', 'SP95', 'SP98', 'SP95 E10', 'E85', 'CARBURANT', 'LITRES', 'POMPE'],
  tolls: ['PEAGE', 'AUTOROUTE', 'GARE DE PEAGE', 'CLASSE 1', 'TELEPEAGE'],
  parking: ['PARKING', 'STATIONNEMENT', 'HORODATEUR', 'DUREE DE STATIONNEMENT'],
  car_rental: ['LOCATION DE VEHICULE', 'LOCATION VOITURE', 'CONTRAT DE LOCATION', 'FRANCHISE', 'KILOMETRAGE'],
  supplies: ['RAMETTE', 'PAPIER', 'STYLO', 'STYLOS', 'CARTOUCHE', 'TONER', 'FOURNITURES', 'CLASSEUR'],
  telecom: ['FORFAIT MOBILE', 'ABONNEMENT INTERNET', 'DATA'],
};

/** Longer than any receipt's text: beyond it, the field holds something else. */
export const MAX_RECEIPT_TEXT_LENGTH = 50_000;

export interface WordEvidence {
  readonly category: Category;
  readonly words: readonly string[];
}

/** Each category whose words the text holds, with those words; most words first, then the table's order. */
export function findCategoryWords(text: string): WordEvidence[] {
  // Spaces around let `\bWORD\b`-like matching be a plain substring search on whole words.
  const folded = ` ${collapseSpaces(foldText(text).replace(/[.*/&-]/g, ' '))} `;
  const evidence: WordEvidence[] = [];
  for (const [category, words] of Object.entries(CATEGORY_WORDS) as [Category, readonly string[]][]) {
    const found = words.filter((word) => folded.includes(` ${word} `));
    if (found.length > 0) evidence.push({ category, words: found });
  }
  return evidence.sort((a, b) => b.words.length - a.words.length);
}
