import type { Currency, Language, ReceiptKind } from './truth.js';

/** Where a receipt comes from: language, currency and the VAT rates in use there (thousandths of a percent). */
export interface Locale {
  readonly language: Language;
  readonly currency: Currency;
  readonly standardRate: number;
  readonly reducedRate: number;
  /** The rate of meals, hotels and passenger transport. */
  readonly serviceRate: number;
  readonly vatCountry: 'FR' | 'GB' | 'DE' | 'NL' | 'CHE' | null;
  /** US sales tax: added to a pre-tax subtotal instead of included in prices. */
  readonly salesTax?: readonly number[];
  /** Postcode and city lines of the place. */
  readonly cities: readonly string[];
}

const FRENCH_CITIES = [
  '75011 PARIS',
  '69002 LYON',
  '13001 MARSEILLE',
  '33000 BORDEAUX',
  '67000 STRASBOURG',
  '44000 NANTES',
  '31000 TOULOUSE',
  '59000 LILLE',
];

export const LOCALES: readonly Locale[] = [
  {
    language: 'fr',
    currency: 'EUR',
    standardRate: 20_000,
    reducedRate: 5_500,
    serviceRate: 10_000,
    vatCountry: 'FR',
    cities: FRENCH_CITIES,
  },
  {
    language: 'fr',
    currency: 'EUR',
    standardRate: 20_000,
    reducedRate: 5_500,
    serviceRate: 10_000,
    vatCountry: 'FR',
    cities: FRENCH_CITIES,
  },
  {
    language: 'fr',
    currency: 'EUR',
    standardRate: 20_000,
    reducedRate: 5_500,
    serviceRate: 10_000,
    vatCountry: 'FR',
    cities: FRENCH_CITIES,
  },
  {
    language: 'en',
    currency: 'GBP',
    standardRate: 20_000,
    reducedRate: 5_000,
    serviceRate: 20_000,
    vatCountry: 'GB',
    cities: ['LONDON EC1A 1BB', 'MANCHESTER M1 1AE', 'EDINBURGH EH1 1YZ', 'BRISTOL BS1 4DJ'],
  },
  {
    language: 'en',
    currency: 'EUR',
    standardRate: 19_000,
    reducedRate: 7_000,
    serviceRate: 7_000,
    vatCountry: 'DE',
    cities: ['10115 BERLIN', '80331 MUENCHEN', '60311 FRANKFURT'],
  },
  {
    language: 'en',
    currency: 'EUR',
    standardRate: 21_000,
    reducedRate: 9_000,
    serviceRate: 9_000,
    vatCountry: 'NL',
    cities: ['1012 AB AMSTERDAM', '3011 ROTTERDAM', '2511 DEN HAAG'],
  },
  {
    language: 'en',
    currency: 'USD',
    standardRate: 0,
    reducedRate: 0,
    serviceRate: 0,
    vatCountry: null,
    salesTax: [8_875, 7_250, 6_000, 8_250, 9_500],
    cities: ['NEW YORK, NY 10001', 'BOSTON, MA 02108', 'CHICAGO, IL 60601', 'SEATTLE, WA 98101'],
  },
  {
    language: 'fr',
    currency: 'CHF',
    standardRate: 8_100,
    reducedRate: 2_600,
    serviceRate: 8_100,
    vatCountry: 'CHE',
    cities: ['1201 GENEVE', '1003 LAUSANNE', '2000 NEUCHATEL'],
  },
  {
    language: 'en',
    currency: 'CHF',
    standardRate: 8_100,
    reducedRate: 2_600,
    serviceRate: 3_800,
    vatCountry: 'CHE',
    cities: ['8001 ZURICH', '4001 BASEL', '3011 BERN'],
  },
];

export const MERCHANTS: Record<ReceiptKind, Record<Language, readonly string[]>> = {
  till: {
    fr: [
      'LIBRAIRIE GALLIMARD',
      'PHARMACIE DU MARCHE',
      'RELAY',
      'BOUTIQUE ORANGE',
      'DARTY',
      'CULTURA',
      'BUREAU VALLEE',
      'NATURE ET DECOUVERTES',
    ],
    en: ['WHSMITH', 'BOOTS', 'PAPERCHASE', 'OFFICE DEPOT', 'STAPLES', 'CURRYS', 'WATERSTONES', 'MUJI'],
  },
  restaurant: {
    fr: [
      'LE PETIT ZINC',
      'BRASSERIE LIPP',
      'CHEZ GEORGES',
      'LA COUPOLE',
      'LE BOUILLON CHARTIER',
      'CAFE DES ARTS',
      'LE COMPTOIR',
      'PIZZERIA NAPOLI',
    ],
    en: ['THE WOLSELEY', 'DISHOOM', 'THE RED LION', 'PIZZA EXPRESS', 'BLUE DINER', 'GREEN GARDEN CAFE', 'THE OLD BELL', 'HARBOUR GRILL'],
  },
  hotel: {
    fr: ['HOTEL DES ARTS', 'HOTEL MERCURE GARE', 'IBIS CENTRE', 'HOTEL LE RELAIS', 'HOTEL DU COMMERCE', 'NOVOTEL PORTE D ITALIE'],
    en: ['PREMIER INN', 'HOLIDAY INN EXPRESS', 'THE GRAND HOTEL', 'PARK PLAZA', 'HILTON GARDEN INN', 'CITY LODGE'],
  },
  fuel: {
    fr: ['STATION ESSO', 'TOTALENERGIES', 'AVIA', 'STATION BP', 'INTERMARCHE CARBURANTS', 'STATION SHELL'],
    en: ['SHELL', 'BP CONNECT', 'ESSO', 'TEXACO', 'CHEVRON', 'MOBIL'],
  },
  taxi: {
    fr: ['TAXI G7', 'TAXIS BLEUS', 'ALLO TAXI', 'TAXI DU CENTRE', 'RADIO TAXI'],
    en: ['LONDON BLACK CAB', 'YELLOW CAB', 'CITY CARS', 'METRO TAXI', 'AIRPORT CARS'],
  },
  train: {
    fr: ['SNCF VOYAGEURS', 'OUIGO', 'TER GRAND EST', 'TGV INOUI', 'THALYS'],
    en: ['EUROSTAR', 'AVANTI WEST COAST', 'GREAT WESTERN RAILWAY', 'AMTRAK', 'LNER'],
  },
  supermarket: {
    fr: ['CARREFOUR MARKET', 'MONOPRIX', 'FRANPRIX', 'AUCHAN', 'LECLERC', 'INTERMARCHE', 'CASINO SHOP', 'LIDL'],
    en: ['TESCO', 'SAINSBURYS', 'WAITROSE', 'ALDI', 'WHOLE FOODS', 'CO-OP FOOD', 'LIDL', 'MARKS AND SPENCER'],
  },
  invoice: {
    fr: ['ACME CONSEIL SARL', 'DUPONT ET ASSOCIES', 'INFOGERANCE PLUS', 'ATELIER GRAPHIQUE', 'FORMATIONS MARTIN', 'TRADUCTIONS LEBLANC'],
    en: ['NORTHWIND CONSULTING LTD', 'CONTOSO SERVICES', 'BLUE SKY TRAINING', 'FABRIKAM LTD', 'LITWARE INC', 'ADVENTURE WORKS'],
  },
};

export const STREETS: Record<Language, readonly string[]> = {
  fr: [
    'rue de Rivoli',
    'avenue de la République',
    'boulevard Voltaire',
    'rue du Faubourg Saint-Antoine',
    'place de la Gare',
    'rue Nationale',
    'cours Mirabeau',
    'quai des Bateliers',
  ],
  en: ['High Street', 'Market Street', 'Station Road', 'King Street', 'Main Street', 'Church Lane', 'Broadway', 'Queen Street'],
};

/** Item names and a typical price in cents, by kind; `reduced` items carry the reduced (food, books) rate. */
export const ITEMS: Record<
  ReceiptKind,
  Record<Language, readonly { readonly name: string; readonly price: number; readonly reduced?: boolean }[]>
> = {
  till: {
    fr: [
      { name: 'CAHIER A4', price: 349 },
      { name: 'STYLO BILLE X4', price: 599 },
      { name: 'LIVRE POCHE', price: 890, reduced: true },
      { name: 'CHARGEUR USB', price: 1999 },
      { name: 'PILES AA X8', price: 1150 },
      { name: 'MAGAZINE', price: 650, reduced: true },
      { name: 'CLE USB 32GO', price: 1290 },
    ],
    en: [
      { name: 'NOTEBOOK A4', price: 349 },
      { name: 'PENS X4', price: 599 },
      { name: 'PAPERBACK', price: 899, reduced: true },
      { name: 'USB CHARGER', price: 1999 },
      { name: 'BATTERIES AA', price: 1150 },
      { name: 'NEWSPAPER', price: 250, reduced: true },
      { name: 'USB STICK', price: 1290 },
    ],
  },
  restaurant: {
    fr: [
      { name: 'Plat du jour', price: 1450 },
      { name: 'Entrecote frites', price: 2350 },
      { name: 'Salade cesar', price: 1390 },
      { name: 'Cafe', price: 220 },
      { name: 'Tarte tatin', price: 750 },
      { name: 'Eau minerale', price: 450 },
      { name: 'Menu du midi', price: 1890 },
    ],
    en: [
      { name: 'Fish and chips', price: 1650 },
      { name: 'Burger', price: 1450 },
      { name: 'Caesar salad', price: 1190 },
      { name: 'Coffee', price: 320 },
      { name: 'Cheesecake', price: 690 },
      { name: 'Sparkling water', price: 395 },
      { name: 'Soup of the day', price: 750 },
    ],
  },
  hotel: {
    fr: [
      { name: 'Chambre double', price: 12900 },
      { name: 'Petit-dejeuner', price: 1650 },
      { name: 'Parking', price: 1800 },
      { name: 'Chambre single', price: 9800 },
    ],
    en: [
      { name: 'Double room', price: 13900 },
      { name: 'Breakfast', price: 1850 },
      { name: 'Parking', price: 2000 },
      { name: 'Single room', price: 10900 },
    ],
  },
  fuel: {
    fr: [
      { name: 'GAZOLE', price: 7450 },
      { name: 'SP95-E10', price: 6890 },
      { name: 'SP98', price: 8120 },
    ],
    en: [
      { name: 'DIESEL', price: 7450 },
      { name: 'UNLEADED', price: 6890 },
      { name: 'SUPER UNLEADED', price: 8120 },
    ],
  },
  taxi: {
    fr: [
      { name: 'Course', price: 3260 },
      { name: 'Supplement bagages', price: 200 },
    ],
    en: [
      { name: 'Fare', price: 3260 },
      { name: 'Luggage supplement', price: 200 },
    ],
  },
  train: {
    fr: [
      { name: 'Billet PARIS - LYON 2nde', price: 7900 },
      { name: 'Billet LILLE - PARIS 1ere', price: 6500 },
      { name: 'Billet BORDEAUX - PARIS', price: 8900 },
    ],
    en: [
      { name: 'Ticket LONDON - PARIS Std', price: 9900 },
      { name: 'Ticket MANCHESTER - LONDON', price: 8650 },
      { name: 'Ticket NEW YORK - BOSTON', price: 7900 },
    ],
  },
  supermarket: {
    fr: [
      { name: 'LAIT DEMI ECREME', price: 109, reduced: true },
      { name: 'PAIN DE MIE', price: 235, reduced: true },
      { name: 'BEURRE DOUX', price: 329, reduced: true },
      { name: 'COCA COLA 1.5L', price: 219, reduced: true },
      { name: 'LESSIVE', price: 899 },
      { name: 'POMMES GOLDEN', price: 312, reduced: true },
      { name: 'EMMENTAL RAPE', price: 245, reduced: true },
      { name: 'PAPIER TOILETTE', price: 459 },
      { name: 'SHAMPOING', price: 389 },
      { name: 'YAOURTS X8', price: 275, reduced: true },
      { name: 'JAMBON BLANC', price: 345, reduced: true },
      { name: 'VIN ROUGE', price: 650 },
      { name: 'CAFE MOULU', price: 429, reduced: true },
      { name: 'PATES', price: 129, reduced: true },
    ],
    en: [
      { name: 'SEMI SKIMMED MILK', price: 145, reduced: true },
      { name: 'WHOLEMEAL BREAD', price: 130, reduced: true },
      { name: 'BUTTER', price: 225, reduced: true },
      { name: 'ORANGE JUICE', price: 210, reduced: true },
      { name: 'WASHING POWDER', price: 650 },
      { name: 'APPLES', price: 180, reduced: true },
      { name: 'CHEDDAR', price: 275, reduced: true },
      { name: 'TOILET ROLL', price: 399 },
      { name: 'SHAMPOO', price: 350 },
      { name: 'YOGHURT', price: 125, reduced: true },
      { name: 'HAM', price: 300, reduced: true },
      { name: 'RED WINE', price: 800 },
      { name: 'COFFEE', price: 450, reduced: true },
      { name: 'PASTA', price: 95, reduced: true },
    ],
  },
  invoice: {
    fr: [
      { name: 'Prestation de conseil', price: 85000 },
      { name: 'Formation (journee)', price: 120000 },
      { name: 'Frais de deplacement', price: 23500 },
      { name: 'Licence logiciel', price: 49900 },
    ],
    en: [
      { name: 'Consulting services', price: 90000 },
      { name: 'Training (day)', price: 125000 },
      { name: 'Travel expenses', price: 24500 },
      { name: 'Software licence', price: 52000 },
    ],
  },
};
