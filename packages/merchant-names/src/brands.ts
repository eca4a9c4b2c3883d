import type { Category } from './categories.js';

export interface Brand {
  /** How the merchant is shown and stored. */
  readonly name: string;
  /** Its usual category, a proposal only: the tenant's history wins over it. */
  readonly category: Category;
  /** Other spellings seen on receipts and statements; the name itself always matches. */
  readonly aliases: readonly string[];
}

/**
 * Known brands, French first. Aliases are written as printed; they are cleaned like any name.
 * An alias that is also a common word (APRR's AREA) is left out: it would claim other merchants.
 */
export const BRANDS: readonly Brand[] = [
  { name: 'SNCF', category: 'train', aliases: ['SNCF Voyageurs', 'SNCF Connect', 'OUIGO', 'TGV INOUI', 'TER'] },
  { name: 'Eurostar', category: 'train', aliases: ['Thalys'] },
  { name: 'Trenitalia', category: 'train', aliases: [] },
  { name: 'Deutsche Bahn', category: 'train', aliases: ['DB Fernverkehr', 'DB Bahn'] },
  { name: 'Air France', category: 'plane', aliases: ['AIRFRANCE', 'AF KLM'] },
  { name: 'KLM', category: 'plane', aliases: [] },
  { name: 'easyJet', category: 'plane', aliases: [] },
  { name: 'Ryanair', category: 'plane', aliases: [] },
  { name: 'Transavia', category: 'plane', aliases: [] },
  { name: 'Lufthansa', category: 'plane', aliases: [] },
  { name: 'G7', category: 'taxi', aliases: ['Taxis G7'] },
  { name: 'Uber', category: 'ride_hailing', aliases: ['Uber Trip', 'Uber Rides'] },
  { name: 'Bolt', category: 'ride_hailing', aliases: ['Bolt EU'] },
  { name: 'Heetch', category: 'ride_hailing', aliases: [] },
  { name: 'FreeNow', category: 'ride_hailing', aliases: ['Free Now'] },
  { name: 'Ibis', category: 'hotel', aliases: ['Ibis Budget', 'Ibis Styles'] },
  { name: 'Novotel', category: 'hotel', aliases: [] },
  { name: 'Mercure', category: 'hotel', aliases: [] },
  { name: 'Campanile', category: 'hotel', aliases: [] },
  { name: 'B&B Hotels', category: 'hotel', aliases: ['B&B Hotel'] },
  { name: 'Kyriad', category: 'hotel', aliases: [] },
  { name: 'Marriott', category: 'hotel', aliases: [] },
  { name: 'Hilton', category: 'hotel', aliases: [] },
  { name: 'Airbnb', category: 'hotel', aliases: [] },
  { name: "McDonald's", category: 'restaurant', aliases: ['McDo', 'Mc Donalds'] },
  { name: 'Burger King', category: 'restaurant', aliases: [] },
  { name: 'Paul', category: 'restaurant', aliases: ['Boulangerie Paul'] },
  { name: 'Starbucks', category: 'restaurant', aliases: [] },
  { name: 'Brioche Dorée', category: 'restaurant', aliases: [] },
  { name: 'Flunch', category: 'restaurant', aliases: [] },
  { name: 'Courtepaille', category: 'restaurant', aliases: [] },
  { name: 'Pret A Manger', category: 'restaurant', aliases: [] },
  { name: 'TotalEnergies', category: 'fuel', aliases: ['Total', 'Total Access', 'Total Energies Marketing'] },
  { name: 'Esso', category: 'fuel', aliases: [] },
  { name: 'Shell', category: 'fuel', aliases: [] },
  { name: 'BP', category: 'fuel', aliases: [] },
  { name: 'Avia', category: 'fuel', aliases: [] },
  { name: 'Vinci Autoroutes', category: 'tolls', aliases: ['ASF', 'Cofiroute', 'Escota', 'Vinci Autoroute'] },
  { name: 'APRR', category: 'tolls', aliases: [] },
  { name: 'Sanef', category: 'tolls', aliases: ['SAPN'] },
  { name: 'Bip&Go', category: 'tolls', aliases: ['Bip and Go'] },
  { name: 'Ulys', category: 'tolls', aliases: [] },
  { name: 'Indigo', category: 'parking', aliases: ['Parking Indigo'] },
  { name: 'Effia', category: 'parking', aliases: [] },
  { name: 'Saemes', category: 'parking', aliases: [] },
  { name: 'Hertz', category: 'car_rental', aliases: [] },
  { name: 'Avis', category: 'car_rental', aliases: [] },
  { name: 'Europcar', category: 'car_rental', aliases: [] },
  { name: 'Sixt', category: 'car_rental', aliases: [] },
  { name: 'Enterprise', category: 'car_rental', aliases: ['Enterprise Rent A Car'] },
  { name: 'ADA', category: 'car_rental', aliases: [] },
  { name: 'Carrefour', category: 'supplies', aliases: ['Carrefour Market', 'Carrefour City'] },
  { name: 'Monoprix', category: 'supplies', aliases: [] },
  { name: 'Office Depot', category: 'supplies', aliases: [] },
  { name: 'Bureau Vallée', category: 'supplies', aliases: [] },
  { name: 'Fnac', category: 'supplies', aliases: [] },
  { name: 'Amazon', category: 'supplies', aliases: ['Amazon EU', 'AMZN Mktp', 'AMZN'] },
  { name: 'Orange', category: 'telecom', aliases: [] },
  { name: 'SFR', category: 'telecom', aliases: [] },
  { name: 'Bouygues Telecom', category: 'telecom', aliases: [] },
  { name: 'Free', category: 'telecom', aliases: ['Free Mobile'] },
];
