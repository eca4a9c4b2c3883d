import type { MileageScaleData } from '../scale.js';
import { FRANCE_2023 } from './france-2023.js';

/**
 * The published French scales, in the order they were published: a later one wins for the
 * years it covers. A new year's scale is a new file here, appended.
 */
export const FRENCH_SCALES: readonly MileageScaleData[] = [FRANCE_2023];

export { FRANCE_2023 };
