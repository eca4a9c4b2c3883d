import { compileScale, type MileageScale, type MileageScaleData } from './scale.js';

/**
 * The scales known to the platform, in publication order: for a year, the last one covering
 * it applies. So a scale published in spring that applies from January replaces, for that
 * year, the one used until then, and recomputing the year gives the difference per trip.
 */
export class ScaleBook {
  private readonly scales: readonly MileageScale[];

  constructor(scales: readonly MileageScaleData[]) {
    this.scales = scales.map((data, index) => compileScale(data, `scales[${index}]`));
  }

  /** The scale that applies to a calendar year, or undefined when none covers it. */
  forYear(year: number): MileageScale | undefined {
    return this.scales.findLast((scale) => scale.years.first <= year && year <= scale.years.last);
  }
}

/**
 * The same figures applied to one more year, until that year's scale is published: an
 * operator's explicit choice, recorded under its own id, that the published scale replaces.
 */
export function carryForward(scale: MileageScaleData, year: number): MileageScaleData {
  return { ...scale, id: `${scale.id}-carried-to-${year}`, years: { first: year, last: year } };
}
