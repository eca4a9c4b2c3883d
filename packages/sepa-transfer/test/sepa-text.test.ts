import { describe, expect, it } from 'vitest';
import { outsideSepaCharacters, transliterateToSepa } from '../src/index.js';

describe('transliterateToSepa', () => {
  it('drops accents and spells out ligatures', () => {
    expect(transliterateToSepa('Zoë Lefèvre')).toBe('Zoe Lefevre');
    expect(transliterateToSepa('Łukasz Strauß')).toBe('Lukasz Strauss');
    expect(transliterateToSepa('Œuvre de Ærø')).toBe('OEuvre de AEro');
    expect(transliterateToSepa('François  Çağlar ')).toBe('Francois Caglar');
    expect(transliterateToSepa('Société d’Études')).toBe("Societe d'Etudes");
  });

  it('leaves characters it cannot write in the set for the check to find', () => {
    const text = transliterateToSepa('李雷 & Associés');
    expect(text).toBe('李雷 & Associes');
    expect(outsideSepaCharacters(text)).toEqual(['李', '雷', '&']);
  });

  it('accepts the whole basic Latin set', () => {
    expect(outsideSepaCharacters("AZaz09/-?:().,'+ ")).toEqual([]);
  });
});
