import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR_ENGINE, UnknownOcrEngineError, ocrEngineFromEnvironment } from '../src/engine-choice.js';

describe('the OCR engine named by the environment', () => {
  it('is the default when NDF_OCR_ENGINE is unset or blank', () => {
    expect(ocrEngineFromEnvironment({})).toBe(DEFAULT_OCR_ENGINE);
    expect(ocrEngineFromEnvironment({ NDF_OCR_ENGINE: '  ' })).toBe(DEFAULT_OCR_ENGINE);
  });

  it('is the one asked for', () => {
    expect(ocrEngineFromEnvironment({ NDF_OCR_ENGINE: 'tesseract' })).toBe('tesseract');
    expect(ocrEngineFromEnvironment({ NDF_OCR_ENGINE: 'paddle' })).toBe('paddle');
  });

  it('refuses an engine it does not have, naming the variable and the choices', () => {
    expect(() => ocrEngineFromEnvironment({ NDF_OCR_ENGINE: 'Tesseract' })).toThrow(UnknownOcrEngineError);
    expect(() => ocrEngineFromEnvironment({ NDF_OCR_ENGINE: 'easyocr' })).toThrow(
      'NDF_OCR_ENGINE is "easyocr": it must be one of paddle, tesseract',
    );
  });
});
