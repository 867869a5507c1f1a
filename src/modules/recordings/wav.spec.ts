import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planAssembly } from './assembly-plan.js';
import { parseWavHeader, type StoredPlanChunk, wavBytes, wavHeader } from './wav.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function pcm(samples: number, seed: number): Buffer {
  const b = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(((i * 7919 + seed * 104729) % 65536) - 32768, i * 2);
  return b;
}

function stored(seq: number, startSample: number, bytes: Buffer): StoredPlanChunk {
  return {
    seq,
    segment: 0,
    startSample,
    sampleCount: bytes.length / 2,
    anchorMs: null,
    key: `k/${seq}.pcm`,
    byteLength: bytes.length,
    sha256: sha(bytes),
  };
}

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

describe('wavHeader / parseWavHeader', () => {
  it('round-trips a canonical PCM header', () => {
    const h = wavHeader(96_000, 48_000);
    expect(h).toHaveLength(44);
    expect(h.toString('ascii', 0, 4)).toBe('RIFF');
    expect(h.readUInt32LE(4)).toBe(36 + 96_000);
    expect(h.readUInt32LE(28)).toBe(96_000); // byte rate
    expect(parseWavHeader(h)).toEqual({
      sampleRate: 48_000,
      channels: 1,
      bitsPerSample: 16,
      dataBytes: 96_000,
    });
  });

  it('refuses sizes past 4 GiB and foreign headers', () => {
    expect(() => wavHeader(2 ** 32, 48_000)).toThrow(/does not fit/);
    const h = wavHeader(10, 8000);
    h.write('RIFX', 0, 'ascii');
    expect(() => parseWavHeader(h)).toThrow(/not RIFF/);
  });
});

describe('wavBytes', () => {
  const a = pcm(100, 1);
  const b = pcm(60, 2);
  const chunks = [stored(0, 0, a), stored(2, 130, b)];
  const bytes = new Map(chunks.map((c, i) => [c.key, [a, b][i]]));

  it('streams header, chunks and zeros for the gaps, in bounded blocks', async () => {
    const plan = planAssembly(chunks, 8000);
    const parts = await collect(
      wavBytes(plan, 8000, async (c) => bytes.get(c.key)!, { silenceBlockBytes: 16 }),
    );
    const all = Buffer.concat(parts);
    expect(parseWavHeader(all)).toMatchObject({ dataBytes: 190 * 2, sampleRate: 8000 });
    expect(all.subarray(44)).toEqual(Buffer.concat([a, Buffer.alloc(60), b]));
    expect(Math.max(...parts.filter((p) => p.every((x) => x === 0)).map((p) => p.length))).toBe(16);
  });

  it('fails on a chunk whose bytes do not match its hash or length', async () => {
    const plan = planAssembly(chunks, 8000);
    const corrupt = async (c: StoredPlanChunk) => {
      const copy = Buffer.from(bytes.get(c.key)!);
      if (c.seq === 2) copy[3] ^= 1;
      return copy;
    };
    await expect(collect(wavBytes(plan, 8000, corrupt))).rejects.toThrow(/seq 2 .*sha256/);
    await expect(collect(wavBytes(plan, 8000, async () => Buffer.alloc(4)))).rejects.toThrow(
      /seq 0 .* holds 4 bytes, expected 200/,
    );
  });

  it('reads at most `readAhead` chunks ahead of the one it writes', async () => {
    const many = Array.from({ length: 10 }, (_, i) => stored(i, i * 100, a));
    let inFlight = 0;
    let maxInFlight = 0;
    const read = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return a;
    };
    const parts = await collect(wavBytes(planAssembly(many, 8000), 8000, read, { readAhead: 2 }));
    expect(parts).toHaveLength(11);
    expect(maxInFlight).toBe(3);
  });
});
