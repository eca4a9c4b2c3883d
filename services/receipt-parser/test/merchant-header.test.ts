import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';

const merchantOf = (...lines: string[]) => parseReceipt({ text: lines.join('\n') }).merchant;

describe('merchant from the header block', () => {
  it.each([
    // The shop's name with its legal form, past a brand line, a greeting or a title above it.
    [['SUSHI HOUSE - CITY CENTRE', 'ORIENT FOOD SDN BHD (123456-X)', 'NO 12, JALAN BESAR', '43000 KAJANG'], 'ORIENT FOOD SDN BHD'],
    [['Welcome to the Corner', 'CornerShop', 'Corner Retail Ltd', '16 High Street', 'London SE1 9AA'], 'Corner Retail Ltd'],
    [['LE PETIT FOURNIL', 'BOULANGERIE DUVAL SARL', '12 RUE DE LA PAIX', '75002 PARIS'], 'BOULANGERIE DUVAL SARL'],
    [['SIMPLIFIED TAX INVOICE', 'GREEN PHARMACY', 'GREEN HEALTH SDN BHD', '1118258-K', 'TEL: 03-5612 7718'], 'GREEN HEALTH SDN BHD'],
    // A registration number printed after the name is not part of it.
    [['BLUE MART S/B (519537-X)', 'LOT 12, JALAN ANGSA', 'TAMAN BERKELEY', '41150 KLANG'], 'BLUE MART S/B'],
    [['NORTH BAKERIES (KL) SDN BHD (139386-X)', 'Lot 3, Jalan Pelabur 23/1', 'Tel: 03-5542 3228'], 'NORTH BAKERIES (KL) SDN BHD'],
    [["KING'S BAKERY S/B 273500-U (KJ1)", 'NO. 20, JALAN SS6/3', '47301 PETALING JAYA'], "KING'S BAKERY S/B"],
    // A name split over two lines: its legal form alone on the second, or a first line ending in "&".
    [['3-1708032', 'POPULAR PRINT', 'CO. (M) SDN BHD', '(GST Reg No. 001492992000)'], 'POPULAR PRINT CO. (M) SDN BHD'],
    [['HOME HARDWARE &', 'ELECTRICAL', 'NO. 11, JALAN SETIA', '40170 SHAH ALAM'], 'HOME HARDWARE & ELECTRICAL'],
    [['QUINCAILLERIE DURAND &', 'FILS', '4 AVENUE FOCH', '69006 LYON'], 'QUINCAILLERIE DURAND & FILS'],
  ])('%j → %s', (lines, expected) => {
    expect(merchantOf(...lines)?.value).toBe(expected);
  });

  it.each([
    // Slogans, floors and addresses are not the name, even when they come before the address.
    [['GOODS SOLD ARE NOT RETURNABLE', 'CORNER CASH & CARRY', '(002107265-V)', 'NO. 15, JALAN TSJ 2'], 'CORNER CASH & CARRY'],
    [['MARCHANDISE NON REPRISE NI ECHANGEE', 'EPICERIE DU COIN', '3 RUE NATIONALE'], 'EPICERIE DU COIN'],
    [['AEON BIG (M) BHD. (126926-H)', '3RD FLOOR, MALURI SHOPPING CENTRE', 'JLN JEJAKA, TAMAN MALURI'], 'AEON BIG (M) BHD.'],
    [['SIMPLIFIEDTAXINVOICE', 'GREEN CORNER STORE', 'TEL 07-3523888'], 'GREEN CORNER STORE'],
    // A promotion or a call for feedback printed above the header is no name, nor is the service's phone the header's end.
    [
      [
        'THANK YOU. PLEASE COME AGAIN.',
        'For feedback, please call:',
        '011-3194 0284',
        'REDEEM YOUR VOUCHER BEFORE POINTS EXPIRY!',
        'CITY CASH & CARRY SDN BHD',
        '(317041-W)',
        'LOT 17, JALAN U9',
      ],
      'CITY CASH & CARRY SDN BHD',
    ],
    [
      [
        'MERCI DE VOTRE VISITE',
        'Service client : 01 45 67 89 10',
        'CUMULEZ VOS POINTS FIDELITE !',
        'EPICERIE FINE DUPUIS SARL',
        '3 RUE NATIONALE',
        '69002 LYON',
      ],
      'EPICERIE FINE DUPUIS SARL',
    ],
    // Opening hours are no name.
    [['OUVERT 7J/7', 'SUPERETTE DU MARCHE', '8 RUE DU MARCHE'], 'SUPERETTE DU MARCHE'],
    [['OPENING HOURS', 'CORNER DELI', '5 HIGH STREET'], 'CORNER DELI'],
    // A line in small letters (a handwritten note, a stamp) is passed over for the printed name below it.
    [['tan woon yann', 'CORNER ENTERPRISE', '(M0517726)', 'NO.122, JALAN DEDAP 13'], 'CORNER ENTERPRISE'],
    [['paye par cb', 'LA PETITE CAVE', '8 PLACE DU MARCHE', '69002 LYON'], 'LA PETITE CAVE'],
  ])('%j → %s', (lines, expected) => {
    expect(merchantOf(...lines)?.value ?? null).toBe(expected);
  });

  it('reads a legal form OCR slipped on as the legal form ("SDN.RHD", "SDN BHX", "SON BHD")', () => {
    expect(merchantOf('Corner Cash & Carry Sdn.Rhd', '(317041-W)', 'PT17920, SEKSYEN U9')?.value).toBe('Corner Cash & Carry Sdn.Bhd');
    expect(merchantOf('BEMED (SP) SDN. BHX', 'No. 49, Jalan Dinar')?.value).toBe('BEMED (SP) SDN. BHD');
    expect(merchantOf('UNIHAKKA FOODS SON BHD', '12 Jalan Tampoi')?.value).toBe('UNIHAKKA FOODS SDN BHD');
    expect(merchantOf('Orient Resources San Bhd (383322-D)', '16 Jalan Astaka')?.value).toBe('Orient Resources Sdn Bhd');
  });

  it('is sure of a clear name line only: a legal form on the first line, not a name found past the address', () => {
    expect(merchantOf('NORTHWIND TRADING LTD', '22 BAKER STREET', 'LONDON W1U 3BW')?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(merchantOf('ACME CONSEIL SARL', '10 RUE DU COMMERCE', '44000 NANTES')?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(merchantOf('CAFE DU PORT', '4 QUAI DES BATELIERS')?.confidence).toBeLessThan(0.9);
    // Nothing reads like a name before the address: what is found after it is a guess.
    const guess = merchantOf('12 RUE DE LA PAIX', '75002 PARIS', 'SELANGOR D.E.', 'TOTAL 12,00');
    expect(guess?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('keeps the name as printed, its spacing normalised', () => {
    expect(merchantOf('  Maison   Kayser  ', '8 rue Monge')?.value).toBe('Maison Kayser');
  });
});
