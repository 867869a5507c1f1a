/**
 * Audio for browser tests and benchmarks: WAV files for Chromium's fake microphone, parsing the
 * WAVs the server stores, and finding beep onsets in them. No vitest imports: benches use it too.
 */
import { writeFileSync } from 'node:fs';

export interface Wav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** The `data` chunk's bytes. */
  data: Buffer;
  /** Mono 16-bit samples (first channel). */
  samples: Int16Array;
}

/** Canonical 44-byte-header PCM WAV. */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Parses a RIFF/WAVE file, walking its chunks (not assuming a 44-byte header). */
export function parseWav(buf: Buffer): Wav {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file');
  if (buf.readUInt32LE(4) !== buf.length - 8)
    throw new Error(`RIFF size ${buf.readUInt32LE(4)} does not match file size ${buf.length}`);
  let offset = 12;
  let fmt: { channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (buf.readUInt16LE(body) !== 1) throw new Error('not PCM');
      fmt = {
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('data before fmt');
      if (body + size > buf.length) throw new Error('data chunk runs past the end of the file');
      const data = buf.subarray(body, body + size);
      const copy = new Int16Array(data.length / 2 / fmt.channels);
      for (let i = 0; i < copy.length; i++) copy[i] = data.readInt16LE(i * 2 * fmt.channels);
      return { ...fmt, data, samples: copy };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('no data chunk');
}

export interface BeepTrackOptions {
  sampleRate: number;
  seconds: number;
  /** Seconds between beep onsets. */
  every: number;
  /** First onset (s). */
  first: number;
  beepMs: number;
  freqHz: number;
  amplitude: number;
  /** A quiet hum under everything, so that "is there audio here" can be checked (0 = off). */
  humAmplitude: number;
}

/** A test signal: short sine beeps at a fixed spacing, optionally over a quiet hum. */
export function beepTrack(opts: BeepTrackOptions): Int16Array {
  const n = Math.round(opts.seconds * opts.sampleRate);
  const out = new Int16Array(n);
  const beepLen = Math.round((opts.beepMs / 1000) * opts.sampleRate);
  for (let i = 0; i < n; i++) {
    const t = i / opts.sampleRate;
    let v = opts.humAmplitude * Math.sin(2 * Math.PI * 150 * t);
    const since = t - opts.first;
    if (since >= 0) {
      const pos = Math.round((since % opts.every) * opts.sampleRate);
      if (pos < beepLen)
        v += opts.amplitude * Math.sin(2 * Math.PI * opts.freqHz * (pos / opts.sampleRate));
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  }
  return out;
}

export function writeWavFile(path: string, samples: Int16Array, sampleRate: number): void {
  writeFileSync(path, encodeWav(samples, sampleRate));
}

/**
 * Sample indexes where the absolute signal first exceeds `threshold` (full scale = 1) after at
 * least `quietMs` below it: the onsets of beeps over a quieter background.
 */
export function findOnsets(
  samples: Int16Array,
  sampleRate: number,
  threshold = 0.25,
  quietMs = 100,
): number[] {
  const level = threshold * 32768;
  const quiet = Math.round((quietMs / 1000) * sampleRate);
  const onsets: number[] = [];
  let lastLoud = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]) >= level) {
      if (i - lastLoud > quiet) onsets.push(i);
      lastLoud = i;
    }
  }
  return onsets;
}

/** Share of `windowMs` windows in [from, to) whose RMS is below `floor` (full scale = 1). */
export function silentShare(
  samples: Int16Array,
  sampleRate: number,
  from: number,
  to: number,
  windowMs = 50,
  floor = 0.005,
): number {
  const win = Math.max(1, Math.round((windowMs / 1000) * sampleRate));
  let windows = 0;
  let silent = 0;
  for (let start = from; start + win <= to; start += win) {
    let sum = 0;
    for (let i = start; i < start + win; i++) sum += (samples[i] / 32768) ** 2;
    windows++;
    if (Math.sqrt(sum / win) < floor) silent++;
  }
  return windows ? silent / windows : 0;
}
