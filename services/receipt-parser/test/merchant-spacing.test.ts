import { describe, expect, it } from 'vitest';
import { parseReceipt } from '../src/index.js';
import { spaceGluedWords } from '../src/fields/merchant-words.js';

const merchantOf = (...lines: string[]) => parseReceipt({ text: lines.join('\n') }).merchant;

describe("the merchant's words when OCR glued them", () => {
  it.each([
    ['SINARJAYATRADINGSDNBHD', 'SINARJAYA TRADING SDN BHD'],
    ['GREENLEAFENTERPRISE', 'GREENLEAF ENTERPRISE'],
    ['ROTIMAS BAKERIES(PJ)SDNBHD', 'ROTIMAS BAKERIES (PJ) SDN BHD'],
    ['MAJUJAYAINTERNATIONALSDN BHD', 'MAJUJAYA INTERNATIONAL SDN BHD'],
    ['NORTHWINDSTATIONERYLTD', 'NORTHWIND STATIONERY LTD'],
    ['PASARAYA JALALSDN BHD', 'PASARAYA JALAL SDN BHD'],
    ['Kedai Jalalsdn Bhd', 'Kedai Jalal sdn Bhd'],
  ])('spaces "%s" as %s (English)', (glued, spaced) => {
    expect(spaceGluedWords(glued)).toBe(spaced);
  });

  it.each([
    ['LAMAISONDUPAINSARL', 'LAMAISONDUPAIN SARL'],
    ['BOULANGERIEMARTIN', 'BOULANGERIE MARTIN'],
    ['PHARMACIEDUCENTRE', 'PHARMACIE DUCENTRE'],
  ])('spaces "%s" as %s (French)', (glued, spaced) => {
    expect(spaceGluedWords(glued)).toBe(spaced);
  });

  it.each(['INTERNATIONAL', 'CORNER ENTERPRISE', 'Carrefour Market', 'BOULANGERIES', 'KANSAS', 'PROVINCIAL', 'TRADING POST', 'SDN BHD'])(
    'leaves "%s" as it is',
    (name) => {
      expect(spaceGluedWords(name)).toBe(name);
    },
  );

  it('gives the merchant of the header with its glued words spaced', () => {
    expect(merchantOf('SINARJAYATRADINGSDNBHD', '(123456-X)', 'NO 12, JALAN BESAR')?.value).toBe('SINARJAYA TRADING SDN BHD');
    expect(merchantOf('BOULANGERIEMARTINSARL', '12 RUE DE LA PAIX', '75002 PARIS')?.value).toBe('BOULANGERIE MARTIN SARL');
  });

  it('reads a zero inside a word of the name, or before its full stop, as an O', () => {
    expect(merchantOf('AEON C0.(M)BHD (126926-H)', '3RD FLR, AEON TAMAN MALURI SC')?.value).toBe('AEON CO.(M) BHD');
    expect(merchantOf('B0ULANGERIE DU PORT', '12 RUE DE LA PAIX')?.value).toBe('BOULANGERIE DU PORT');
    expect(merchantOf('CAFE LE 30 BAR', '12 RUE DE LA PAIX')?.value).toBe('CAFE LE 30 BAR');
  });
});
