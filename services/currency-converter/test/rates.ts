import { parseEcbHistory, RateTable } from '@ndf/exchange-rates';

/**
 * Three days of the ECB's published reference rates (units per euro), in the history file's
 * format: Thursday 26 and Friday 27 September 2024, then Monday 30 (no rates on the weekend).
 */
export const SEPTEMBER_2024 = [
  'Date,USD,JPY,GBP,',
  '2024-09-30,1.1196,159.82,0.83543,',
  '2024-09-27,1.1158,159.63,0.83338,',
  '2024-09-26,1.1155,160.78,0.83428,',
].join('\n');

export const septemberDays = () => parseEcbHistory(SEPTEMBER_2024);

/** The days up to `last` only: the table as it stood before later rates were loaded. */
export const tableThrough = (last: string): RateTable => RateTable.of(septemberDays().filter((day) => day.date <= last));
