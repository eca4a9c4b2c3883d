import type { Trip, Vehicle } from '../src/index.js';

export const car = (fiscalPower: number, electric = false, id = `car-${fiscalPower}`): Vehicle => ({
  id,
  type: 'car',
  fiscalPower,
  electric,
});
export const motorcycle = (fiscalPower: number, id = `moto-${fiscalPower}`): Vehicle => ({
  id,
  type: 'motorcycle',
  fiscalPower,
  electric: false,
});

export const trip = (id: string, date: string, distanceKm: string, vehicle: Vehicle): Trip => ({ id, date, distanceKm, vehicle });

/** A vehicle's trips of one year, one a day from 2 January: each distance a trip. */
export function tripsOf(vehicle: Vehicle, distances: readonly string[], year = 2024): Trip[] {
  return distances.map((distanceKm, index) => {
    const day = new Date(Date.UTC(year, 0, 2 + index)).toISOString().slice(0, 10);
    return trip(`t${index + 1}`, day, distanceKm, vehicle);
  });
}
