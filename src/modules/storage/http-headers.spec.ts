import { describe, expect, it } from 'vitest';
import { contentDisposition, contentTypeForKey, parseRange } from './http-headers.js';

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'none' }],
    ['', { kind: 'none' }],
    ['bytes=0-99', { kind: 'range', start: 0, end: 99 }],
    ['bytes=10-', { kind: 'range', start: 10, end: 999 }],
    ['bytes=-100', { kind: 'range', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'range', start: 0, end: 999 }],
    ['bytes=900-5000', { kind: 'range', start: 900, end: 999 }],
    ['bytes=999-999', { kind: 'range', start: 999, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'none' }],
    ['bytes=0-1,5-6', { kind: 'none' }],
    ['items=0-1', { kind: 'none' }],
    ['bytes=-', { kind: 'none' }],
    ['bytes=abc', { kind: 'none' }],
  ])('%j of 1000 bytes -> %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it('cannot satisfy any range of an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('contentDisposition', () => {
  it('quotes a plain name', () => {
    expect(contentDisposition('T0001.wav')).toBe(
      `attachment; filename="T0001.wav"; filename*=UTF-8''T0001.wav`,
    );
  });

  it('gives an ASCII fallback and a UTF-8 name', () => {
    expect(contentDisposition('séance (1).wav')).toBe(
      `attachment; filename="s_ance (1).wav"; filename*=UTF-8''s%C3%A9ance%20%281%29.wav`,
    );
  });

  it('cannot be used to split or escape the header', () => {
    const header = contentDisposition('a"\r\nSet-Cookie: x=1/..\\b.wav');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a___Set-Cookie: x=1_.._b.wav"');
  });

  it('never yields an empty name', () => {
    expect(contentDisposition('  ')).toContain('filename="download"');
  });
});

describe('contentTypeForKey', () => {
  it('knows the media the platform stores', () => {
    expect(contentTypeForKey('a/T0001.WAV')).toBe('audio/wav');
    expect(contentTypeForKey('a/render.mp4')).toBe('video/mp4');
    expect(contentTypeForKey('a/steps.csv')).toBe('text/csv; charset=utf-8');
    expect(contentTypeForKey('a/unknown')).toBeUndefined();
  });
});
