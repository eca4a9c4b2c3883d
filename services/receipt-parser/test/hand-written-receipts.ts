// Receipts typed by hand from the shapes real tills, restaurants, hotels and invoices print,
// with some OCR damage, to check that the parser reads what it was not tuned on.
export interface Expected {
  readonly merchant?: string | null;
  readonly date?: string | null;
  readonly totalInclVat?: string | null;
  readonly totalExclVat?: string | null;
  readonly vatLines?: readonly { rate: string | null; amount: string; base?: string }[] | null;
  readonly currency?: string | null;
  readonly merchantVatNumber?: string | null;
}

export interface HandWrittenReceipt {
  readonly name: string;
  readonly text: string;
  readonly expected: Expected;
}

export const receipts: readonly HandWrittenReceipt[] = [
  {
    name: 'French supermarket till ticket, VAT table with two rates',
    text: `
      *** MONOPRIX ***
   52 AVENUE DES CHAMPS ELYSEES
        75008 PARIS
     TEL : 01 53 77 65 65
SIRET 552 083 297 00019
TVA INTRACOM FR 26 552083297

LAIT DEMI ECREME 1L          1,09
PAIN DE MIE                  2,35
COCA COLA 1,5L               2,19
BIERE BLONDE X6              6,49
CHIPS NATURE                 1,85
   2 x 0,89
YAOURT NATURE                1,78
--------------------------------
SOUS-TOTAL                  15,75
REMISE FIDELITE             -0,50
TOTAL                       15,25 EUR
CB EMV                      15,25
--------------------------------
CODE  TAUX     HT    TVA    TTC
A     5,50%   6,88   0,38   7,26
B    20,00%   6,66   1,33   7,99
--------------------------------
NB ARTICLES : 7
17/10/2023  18:42  CAISSE 004
   MERCI DE VOTRE VISITE`,
    expected: {
      merchant: 'MONOPRIX',
      date: '2023-10-17',
      totalInclVat: '15.25',
      totalExclVat: '13.54',
      vatLines: [
        { rate: '5.5', amount: '0.38', base: '6.88' },
        { rate: '20', amount: '1.33', base: '6.66' },
      ],
      currency: 'EUR',
      merchantVatNumber: 'FR26552083297',
    },
  },
  {
    name: 'Restaurant bill: TOTAL HT before TOTAL TTC, tip line, card slip',
    text: `LE BISTROT DU MARCHE
8 place du Marché
69002 Lyon
Table 12 - Couverts 2
Serveur: Julie
2 Plat du jour           29,00
1 Entrecôte frites       22,50
2 Café                    4,40
1 Bouteille Côtes du Rhône 26,00
Total HT                 72,49
TVA 10%                   5,08
TVA 20%                   4,33
Total TTC                81,90 €
Pourboire                 5,00
Le 05/02/2024 à 21:14
Merci et à bientôt`,
    expected: {
      merchant: 'LE BISTROT DU MARCHE',
      date: '2024-02-05',
      totalInclVat: '81.90',
      totalExclVat: '72.49',
      vatLines: [
        { rate: '10', amount: '5.08' },
        { rate: '20', amount: '4.33' },
      ],
      currency: 'EUR',
    },
  },
  {
    name: 'Cash payment: change given is not the total',
    text: `BOULANGERIE PAUL
Gare de Lyon Hall 1
12.03.24 08:05
1 CROISSANT        1,40
1 CAFE ALLONGE     2,60
1 JUS ORANGE       3,90
TOTAL              7,90
ESPECES           20,00
RENDU             12,10
TVA 5,5% 0,07  TVA 10% 0,59
`,
    expected: {
      merchant: 'BOULANGERIE PAUL',
      date: '2024-03-12',
      totalInclVat: '7.90',
      vatLines: [
        { rate: '5.5', amount: '0.07' },
        { rate: '10', amount: '0.59' },
      ],
      currency: 'EUR',
    },
  },
  {
    name: 'English restaurant, subtotal, VAT included, service charge and total on the next line',
    text: `THE IVY
1-5 West Street
London WC2H 9NQ
VAT No. GB 123 4567 89
Date: 14 March 2024  Time: 20:31
Table 7   Covers 3
3 x Shepherd's Pie        59.25
2 x Sticky Toffee Pudding 19.50
1 x Sparkling Water        4.95
Subtotal                  83.70
Service Charge 12.5%      10.46
TOTAL
94.16
VAT 20% included          15.69
Paid by Visa             £94.16
Thank you for dining with us`,
    expected: {
      merchant: 'THE IVY',
      date: '2024-03-14',
      totalInclVat: '94.16',
      vatLines: [{ rate: '20', amount: '15.69' }],
      currency: 'GBP',
      merchantVatNumber: 'GB123456789',
    },
  },
  {
    name: 'US diner, sales tax, tip and grand total, month-first date',
    text: `JOE'S DINER
250 W 57th St
New York, NY 10107
(212) 555-0187
03/04/2024 12:45 PM
Server: Mike  Check #4412
Cheeseburger             14.95
Fries                     4.50
Milkshake                 6.75
Subtotal                 26.20
Sales Tax 8.875%          2.33
Total                    28.53
Tip                       5.00
Grand Total             $33.53
VISA ************4242   $33.53
THANK YOU!`,
    expected: {
      merchant: "JOE'S DINER",
      date: '2024-03-04',
      totalInclVat: '33.53',
      totalExclVat: '26.20',
      vatLines: [{ rate: '8.875', amount: '2.33' }],
      currency: 'USD',
    },
  },
  {
    name: 'Hotel invoice with arrival and departure dates, VAT table',
    text: `HÔTEL DES GRANDS BOULEVARDS
17 boulevard Poissonnière, 75002 Paris
SAS au capital de 10 000 € - RCS Paris 812 345 678
N° TVA : FR 25 812345678
FACTURE N° 2024-00871
Date : 21/06/2024
Client : ACME SAS
Arrivée : 18/06/2024   Départ : 21/06/2024
Chambre Deluxe 3 nuits x 189,00          567,00
Petit-déjeuner 3 x 18,00                  54,00
Taxe de séjour 3 x 2,88                    8,64
Taux TVA    Base HT    Montant TVA    TTC
10,00 %     564,55        56,45      621,00
Total HT                               564,55
Total TVA                               56,45
Taxe de séjour (non soumise)             8,64
NET A PAYER                           629,64 €
Réglé par carte bancaire le 21/06/2024`,
    expected: {
      merchant: 'HÔTEL DES GRANDS BOULEVARDS',
      date: '2024-06-21',
      totalInclVat: '629.64',
      totalExclVat: '564.55',
      vatLines: [{ rate: '10', amount: '56.45', base: '564.55' }],
      currency: 'EUR',
    },
  },
  {
    name: 'Fuel station ticket, litres and price per litre',
    text: `TOTAL ENERGIES
RELAIS DE LA FORET
A6 AIRE DE NEMOURS
77140 NEMOURS
DATE 02/09/2023 HEURE 16:02
POMPE N 07
GAZOLE
VOLUME 45,32 L
PRIX 1,879 EUR/L
MONTANT TTC 85,16 EUR
TVA 20,00% 14,19
HT 70,97
CB SANS CONTACT 85,16 EUR`,
    expected: {
      merchant: 'TOTAL ENERGIES',
      date: '2023-09-02',
      totalInclVat: '85.16',
      totalExclVat: '70.97',
      vatLines: [{ rate: '20', amount: '14.19' }],
      currency: 'EUR',
    },
  },
  {
    name: 'Taxi receipt, amount on the line after its label, 10 % VAT',
    text: `TAXI PARISIEN
Licence n° 12345
Immatriculation AB-123-CD
Prise en charge : 14 mars 2024 07:12
Départ : Gare du Nord
Arrivée : Orly Terminal 3
Prix TTC
42,60 €
dont TVA 10 % : 3,87 €
Merci de votre confiance`,
    expected: {
      merchant: 'TAXI PARISIEN',
      date: '2024-03-14',
      totalInclVat: '42.60',
      vatLines: [{ rate: '10', amount: '3.87' }],
      currency: 'EUR',
    },
  },
  {
    name: 'OCR-damaged till ticket: O for 0, l for 1, glued labels, E for €',
    text: `CARREF0UR CITY
RUE D0UAI 75009 PARIS
O8/1l/2O23 l3:O5
SANDWICH P0ULET        4,5O
EAU MINERALE 5OCL      l,2O
T0TALTTC               5,7O E
CB                     5,7O E
TVA5,5%  O,3O`,
    expected: {
      merchant: 'CARREFOUR CITY',
      date: '2023-11-08',
      totalInclVat: '5.70',
      vatLines: [{ rate: '5.5', amount: '0.30' }],
      currency: 'EUR',
    },
  },
  {
    name: 'Digital invoice with thousands separators and an ISO date',
    text: `Facture
ACME Conseil SARL
10 rue du Commerce 44000 Nantes
SIRET 812 345 678 00021 - TVA intracommunautaire FR25812345678
Date de facture : 2024-03-12
Date d'échéance : 2024-04-11
Désignation                     Qté   PU HT      Total HT
Audit sécurité                     3   1 250,00   3 750,00
Formation                          1     800,00     800,00
Total HT                                        4 550,00
TVA 20 %                                          910,00
Total TTC                                       5 460,00 €`,
    expected: {
      merchant: 'ACME Conseil SARL',
      date: '2024-03-12',
      totalInclVat: '5460.00',
      totalExclVat: '4550.00',
      vatLines: [{ rate: '20', amount: '910.00' }],
      currency: 'EUR',
      merchantVatNumber: 'FR25812345678',
    },
  },
  {
    name: 'English invoice with comma thousands, "March 12, 2024" and amount due',
    text: `INVOICE
Northwind Consulting Ltd
22 Baker Street, London W1U 3BW
VAT Registration No: GB 987654321
Invoice date: March 12, 2024
Due date: April 11, 2024
Description                 Amount
Strategy workshop         2,400.00
Travel expenses             350.00
Net total                 2,750.00
VAT @ 20%                   550.00
Amount due             GBP 3,300.00`,
    expected: {
      merchant: 'Northwind Consulting Ltd',
      date: '2024-03-12',
      totalInclVat: '3300.00',
      totalExclVat: '2750.00',
      vatLines: [{ rate: '20', amount: '550.00' }],
      currency: 'GBP',
      merchantVatNumber: 'GB987654321',
    },
  },
  {
    name: 'Swiss receipt in CHF with MWST and 8.1 %',
    text: `Restaurant Zum Löwen
Bahnhofstrasse 12
8001 Zürich
CHE-123.456.789 MWST
Datum: 12.01.2025 19:48
2 Rösti                  CHF 38.00
1 Bier                   CHF  6.50
Total                    CHF 44.50
MWST 8.1% inkl.          CHF  3.33
Bezahlt Mastercard       CHF 44.50`,
    expected: {
      merchant: 'Restaurant Zum Löwen',
      date: '2025-01-12',
      totalInclVat: '44.50',
      vatLines: [{ rate: '8.1', amount: '3.33' }],
      currency: 'CHF',
      merchantVatNumber: 'CHE-123.456.789',
    },
  },
  {
    name: 'No total label at all: the card payment is the total',
    text: `PHARMACIE DU CENTRE
3 place de la Mairie
33000 Bordeaux
19/04/2024 10:21
DOLIPRANE 1000MG          2,18
SERUM PHYSIO X20          3,95
PAIEMENT CB               6,13
TVA 2,1%   0,05
TVA 20%    0,66`,
    expected: {
      merchant: 'PHARMACIE DU CENTRE',
      date: '2024-04-19',
      totalInclVat: '6.13',
      vatLines: [
        { rate: '2.1', amount: '0.05' },
        { rate: '20', amount: '0.66' },
      ],
    },
  },
  {
    name: 'Two totals: before and after a discount, discount as trailing minus',
    text: `DECATHLON
CC Les Quatre Temps
92800 Puteaux
Ticket 0042-118-2291    23/11/2023 15:09
CHAUSSETTES X3          9,99
GOURDE 1L               7,99
TOTAL                  17,98
BON REDUCTION           3,00-
TOTAL                  14,98
CARTE BANCAIRE         14,98
DONT TVA 20,00%         2,50`,
    expected: {
      merchant: 'DECATHLON',
      date: '2023-11-23',
      totalInclVat: '14.98',
      vatLines: [{ rate: '20', amount: '2.50' }],
      currency: 'EUR',
    },
  },
  {
    name: 'Parking receipt, no VAT printed, euro sign before the amount',
    text: `INDIGO PARKING
Parking Saint-Sulpice
Entrée 04/04/2024 09:02
Sortie 04/04/2024 17:45
Durée 8h43
Montant payé : €24.80
Merci de votre visite`,
    expected: {
      merchant: 'INDIGO PARKING',
      date: '2024-04-04',
      totalInclVat: '24.80',
      vatLines: null,
      currency: 'EUR',
    },
  },
  {
    name: 'Train ticket, long French date, price TTC and 10 % VAT',
    text: `SNCF VOYAGEURS
E-BILLET
Date d'achat : 2 février 2024
Voyage du 15 février 2024
PARIS GARE DE LYON → LYON PART DIEU
Départ 07:04  Arrivée 09:00
Voiture 12 Place 45
Tarif : Seconde - Carte Avantage
Prix total : 49,00 €
dont TVA 10,00 % : 4,45 €`,
    expected: {
      merchant: 'SNCF VOYAGEURS',
      totalInclVat: '49.00',
      vatLines: [{ rate: '10', amount: '4.45' }],
      currency: 'EUR',
    },
  },
  {
    name: 'Negative refund line and a total that the items add up to',
    text: `FNAC
Forum des Halles 75001 Paris
Le 28/12/2023 à 11h42
LIVRE "LE PETIT PRINCE"        8,50
CASQUE AUDIO                  59,99
RETOUR CABLE USB              -12,99
TOTAL A PAYER                 55,50 €
VISA                          55,50
TVA 5,5%   HT 8,06    TVA 0,44
TVA 20%    HT 39,17   TVA 7,83`,
    expected: {
      merchant: 'FNAC',
      date: '2023-12-28',
      totalInclVat: '55.50',
      totalExclVat: '47.23',
      vatLines: [
        { rate: '5.5', amount: '0.44', base: '8.06' },
        { rate: '20', amount: '7.83', base: '39.17' },
      ],
      currency: 'EUR',
    },
  },
  {
    name: 'Amounts with a point, spaces lost by OCR and a 2-digit year with dashes',
    text: `CAFE DE FLORE
172 Bd Saint-Germain
Paris
Date:07-05-24 Heure:16:20
2xCAFE CREME 11.00
1xCROQUE MONSIEUR 16.50
TOTAL:27.50EUR
TVA10%:2.50`,
    expected: {
      merchant: 'CAFE DE FLORE',
      date: '2024-05-07',
      totalInclVat: '27.50',
      vatLines: [{ rate: '10', amount: '2.50' }],
      currency: 'EUR',
    },
  },
  {
    name: 'German VAT number and Euro invoice in English',
    text: `Lufthansa Lounge Services GmbH
Flughafen Frankfurt
USt-IdNr.: DE 123456789
Receipt
Date 2024-09-30 06:55
Breakfast buffet           28.00 EUR
Total                      28.00 EUR
incl. VAT 19%               4.47 EUR
Card payment               28.00 EUR`,
    expected: {
      merchant: 'Lufthansa Lounge Services GmbH',
      date: '2024-09-30',
      totalInclVat: '28.00',
      vatLines: [{ rate: '19', amount: '4.47' }],
      currency: 'EUR',
      merchantVatNumber: 'DE123456789',
    },
  },
  {
    name: 'Total and its VAT on one line, card slip below with its own amount label',
    text: `LA MAISON DU CAFE
14 rue Sainte-Catherine 33000 Bordeaux
Ticket 118   Le 09/10/2024 08:47
2 Cappuccino             7,60
1 Pain au chocolat       1,45
TOTAL TTC 9,05 € dont TVA 0,75 €
--- TICKET CLIENT ---
CARTE BANCAIRE SANS CONTACT
A0000000421010
MONTANT: 9,05 EUR
DEBIT`,
    expected: {
      merchant: 'LA MAISON DU CAFE',
      date: '2024-10-09',
      totalInclVat: '9.05',
      vatLines: [{ rate: null, amount: '0.75' }],
      currency: 'EUR',
    },
  },
  {
    name: 'Slashed zeros read as 8 by OCR in the date and the VAT amount',
    text: `CAFE DU PORT
Quai des Bateliers 67000 Strasbourg
DATE 24-85-2024 12:31
Cafe                     2,40
Croissant                1,20
Jus d'orange             2,67
TOTAL TTC                6,27 EUR
TVA 10%                  8,57
CB                       6,27`,
    expected: {
      merchant: 'CAFE DU PORT',
      date: '2024-05-24',
      totalInclVat: '6.27',
      vatLines: [{ rate: '10', amount: '0.57' }],
    },
  },
  {
    name: 'A slashed zero read as 8 in the total, settled by HT + VAT',
    text: `RESTAURANT LE MIDI
12 rue Nationale 59000 Lille
15/01/2025 13:02
Menu                    26,50
Eau                      3,50
TOTAL HT                27,27
TVA 10%                  2,73
TOTAL TTC               38,00 EUR`,
    expected: {
      date: '2025-01-15',
      totalInclVat: '30.00',
      totalExclVat: '27.27',
      vatLines: [{ rate: '10', amount: '2.73' }],
    },
  },
  {
    name: 'A rate misread by OCR (18 % for 10 %), settled by the total',
    text: `HOTEL DU LAC
Date : 01/08/2024
Chambre                449,51
TOTAL HT               449,51
TVA 18%                 44,95
NET A PAYER            494,46 EUR`,
    expected: {
      totalInclVat: '494.46',
      totalExclVat: '449.51',
      vatLines: [{ rate: '10', amount: '44.95' }],
    },
  },
  {
    name: 'Nothing that looks like a receipt',
    text: `Dear customer,
Please find attached our brochure.
Kind regards`,
    expected: {
      date: null,
      totalInclVat: null,
      totalExclVat: null,
      vatLines: null,
      merchantVatNumber: null,
    },
  },
  {
    name: 'French VAT number with a wrong key is kept with a low confidence only',
    text: `GARAGE MARTIN
TVA FR 00 812345678
01/02/2024
Vidange 89,00
TOTAL TTC 89,00`,
    expected: {
      merchant: 'GARAGE MARTIN',
      date: '2024-02-01',
      totalInclVat: '89.00',
      merchantVatNumber: 'FR00812345678',
    },
  },
  {
    name: 'UK supermarket with a VAT code table and "Balance due"',
    text: `TESCO
Metro Store
Covent Garden
VAT NUMBER: 220 4302 31
MILK 2 PINTS             1.45
BREAD WHOLEMEAL          1.30
WINE SAUVIGNON   A       8.00
TOTAL                   10.75
BALANCE DUE             10.75
CONTACTLESS             10.75
VAT CODE  RATE   NET   VAT
A         20%   6.67  1.33
Z          0%   2.75  0.00
26/07/24  13:15  ST 2234`,
    expected: {
      merchant: 'TESCO',
      date: '2024-07-26',
      totalInclVat: '10.75',
      vatLines: [{ rate: '20', amount: '1.33', base: '6.67' }],
      currency: null,
    },
  },
];
