/**
 * RIFF/WAVE (PCM) headers and the streaming of an assembly plan as a WAV. Pure apart from the
 * chunk reader it is given: no Nest, no storage.
 */
import { createHash } from 'node:crypto';
import type { AssemblyPlan, PlanChunk } from './assembly-plan.js';

export const WAV_HEADER_BYTES = 44;
export const BYTES_PER_SAMPLE = 2;
/** RIFF sizes are 32-bit: the data may hold at most this many bytes. */
export const MAX_WAV_DATA_BYTES = 0xffffffff - 36;

export interface WavFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataBytes: number;
}

/** The 44-byte header of a PCM WAV whose data size is known up front. */
export function wavHeader(dataBytes: number, sampleRate: number, channels = 1, bits = 16): Buffer {
  if (!Number.isSafeInteger(dataBytes) || dataBytes < 0 || dataBytes > MAX_WAV_DATA_BYTES)
    throw new RangeError(`WAV data of ${dataBytes} bytes does not fit a RIFF file (max 4 GiB)`);
  const blockAlign = channels * (bits / 8);
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * blockAlign, 28); // byte rate
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(bits, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Reads a canonical 44-byte PCM WAV header (as `wavHeader` writes it); throws on anything else. */
export function parseWavHeader(buf: Uint8Array): WavFormat {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < WAV_HEADER_BYTES) throw new Error('WAV header: shorter than 44 bytes');
  const tag = (at: number) => b.toString('ascii', at, at + 4);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('WAV header: not RIFF/WAVE');
  if (tag(12) !== 'fmt ' || b.readUInt32LE(16) !== 16) throw new Error('WAV header: no PCM fmt');
  if (b.readUInt16LE(20) !== 1) throw new Error('WAV header: not PCM');
  if (tag(36) !== 'data') throw new Error('WAV header: no data chunk at byte 36');
  const dataBytes = b.readUInt32LE(40);
  if (b.readUInt32LE(4) !== 36 + dataBytes) throw new Error('WAV header: RIFF size mismatch');
  return {
    channels: b.readUInt16LE(22),
    sampleRate: b.readUInt32LE(24),
    bitsPerSample: b.readUInt16LE(34),
    dataBytes,
  };
}

/** A chunk as the WAV writer needs it: where its bytes are and what they must hash to. */
export interface StoredPlanChunk extends PlanChunk {
  key: string;
  byteLength: number;
  sha256: string;
}

export interface WavStreamOptions {
  /** Largest block of zeros yielded at once (bounds memory for long gaps). */
  silenceBlockBytes?: number;
  /** Chunks read ahead of the one being written (bounds memory at ~(1 + n) chunks). */
  readAhead?: number;
}

const DEFAULT_SILENCE_BLOCK = 64 * 1024;

/**
 * The WAV of a plan as a stream of buffers: the header, then each chunk's bytes (read with `read`,
 * a few ahead, each checked against its length and sha256) or zeros. Never holds the whole file.
 */
export async function* wavBytes<C extends StoredPlanChunk>(
  plan: AssemblyPlan<C>,
  sampleRate: number,
  read: (chunk: C) => Promise<Buffer>,
  options: WavStreamOptions = {},
): AsyncGenerator<Buffer> {
  const blockBytes = options.silenceBlockBytes ?? DEFAULT_SILENCE_BLOCK;
  const readAhead = Math.max(0, options.readAhead ?? 2);
  yield wavHeader(plan.durationSamples * BYTES_PER_SAMPLE, sampleRate);
  const zeros = Buffer.alloc(blockBytes); // never written to, so safe to yield repeatedly
  const chunkPieces = plan.pieces.flatMap((p) => (p.kind === 'chunk' ? [p.chunk] : []));
  const pending = new Map<number, Promise<Buffer>>();
  let next = 0; // index into chunkPieces of the next read to start
  const startReads = (upTo: number) => {
    for (; next < chunkPieces.length && next <= upTo; next++) {
      const p = read(chunkPieces[next]);
      p.catch(() => undefined); // awaited below; this only avoids an unhandled rejection
      pending.set(next, p);
    }
  };
  let chunkIndex = 0;
  for (const piece of plan.pieces) {
    if (piece.kind === 'silence') {
      let left = piece.samples * BYTES_PER_SAMPLE;
      while (left > 0) {
        const n = Math.min(left, blockBytes);
        yield n === blockBytes ? zeros : zeros.subarray(0, n);
        left -= n;
      }
      continue;
    }
    startReads(chunkIndex + readAhead);
    const bytes = await pending.get(chunkIndex)!;
    pending.delete(chunkIndex);
    chunkIndex++;
    const c = piece.chunk;
    if (bytes.length !== c.byteLength || bytes.length !== c.sampleCount * BYTES_PER_SAMPLE)
      throw new Error(
        `chunk seq ${c.seq} (${c.key}) holds ${bytes.length} bytes, expected ${c.byteLength}`,
      );
    if (createHash('sha256').update(bytes).digest('hex') !== c.sha256)
      throw new Error(`chunk seq ${c.seq} (${c.key}) does not match its sha256`);
    yield bytes;
  }
}
