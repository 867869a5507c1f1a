import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readParts } from './stream-parts.js';

async function collect(stream: Readable, size: number): Promise<number[][]> {
  const out: number[][] = [];
  for await (const part of readParts(stream, size)) out.push([...part]);
  return out;
}

describe('readParts', () => {
  it('cuts into exact parts with a shorter last part', async () => {
    const chunks = [Buffer.from([1, 2]), Buffer.from([3, 4, 5, 6, 7]), Buffer.from([8])];
    await expect(collect(Readable.from(chunks), 3)).resolves.toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('yields nothing for an empty stream', async () => {
    await expect(collect(Readable.from([]), 3)).resolves.toEqual([]);
  });

  it('splits one big chunk and accepts strings', async () => {
    await expect(collect(Readable.from([Buffer.from([1, 2, 3, 4, 5, 6])]), 2)).resolves.toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    await expect(collect(Readable.from(['ab', 'c']), 2)).resolves.toEqual([[97, 98], [99]]);
  });

  it('passes a stream error on', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk on fire'));
      },
    });
    await expect(collect(failing, 2)).rejects.toThrow('disk on fire');
  });
});
