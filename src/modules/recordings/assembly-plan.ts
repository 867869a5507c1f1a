/**
 * Where every stored chunk goes on the track's timeline, and what is silence. Pure: no Nest, no I/O.
 *
 * - Segments are placed in order. The first starts at track sample 0. A later one is placed by its
 *   first anchored chunk: the server time of that chunk, through the line fitted over the anchors
 *   placed so far, gives its track sample; the segment starts `startSample` before it. It never
 *   starts before the previous segment ends (clamped, with a warning). Without anchors (here or
 *   before) it starts right where the previous one ended.
 * - Inside a segment a chunk sits at `segmentStart + startSample`, plus any audio dropouts before
 *   it. A dropout is when the audio clock falls behind the server clock: the browser's audio
 *   thread was starved (a busy machine) and the time it lost never became samples. It shows as a
 *   chunk whose anchor is more than `DROPOUT_MS` later than the previous chunk's anchor plus the
 *   samples between them, and the next chunk does not come back (that would be a noisy anchor, not
 *   lost audio). Such a chunk is moved later by the lost time, so that the WAV stays on the
 *   server's clock, and the hole is a logged `audio-dropout` gap.
 * - Everything not covered by a chunk is silence, listed as a gap.
 */
import type { RecordingGap } from '../../games/common/recording.js';
import { type Anchor, placementLine, sampleAt } from './sample-mapping.js';

export interface PlanChunk {
  seq: number;
  segment: number;
  startSample: number;
  sampleCount: number;
  /** Server time of the chunk's first sample, or null when its clock domain has no samples. */
  anchorMs: number | null;
}

export type PlanPiece<C extends PlanChunk = PlanChunk> =
  | { kind: 'chunk'; trackStart: number; chunk: C }
  | { kind: 'silence'; trackStart: number; samples: number };

export interface SegmentPlacement {
  segment: number;
  trackStart: number;
  placedBy: 'origin' | 'anchor' | 'continuity';
  /** Set when the anchors asked for an earlier start than the previous segment's end. */
  clampedFrom?: number;
}

export interface AssemblyPlan<C extends PlanChunk = PlanChunk> {
  durationSamples: number;
  pieces: PlanPiece<C>[];
  gaps: RecordingGap[];
  anchors: Anchor[];
  segments: SegmentPlacement[];
  /** Things worth a warning in the log (clamps, segments without anchors). */
  warnings: string[];
}

/** Anchor jumps smaller than this are noise (the output timestamp's jitter is a few ms). */
export const DROPOUT_MS = 20;
/** Dropouts are looked for only between chunks this close (so clock drift stays far below it). */
const DROPOUT_WINDOW_S = 10;

/**
 * How much later (ms) than its predecessor's anchor predicts the chunk `group[i]` is, when that is
 * a dropout: above `DROPOUT_MS`, and not undone by the next anchored chunk. 0 otherwise.
 */
function dropoutBefore(group: readonly PlanChunk[], i: number, sampleRate: number): number {
  const msPer = 1000 / sampleRate;
  const lateness = (from: PlanChunk, to: PlanChunk) =>
    to.anchorMs! - (from.anchorMs! + (to.startSample - from.startSample) * msPer);
  const near = (a: PlanChunk, b: PlanChunk) =>
    Math.abs(b.startSample - a.startSample) <= DROPOUT_WINDOW_S * sampleRate;
  const chunk = group[i];
  if (chunk.anchorMs === null) return 0;
  let prev: PlanChunk | undefined;
  for (let k = i - 1; k >= 0 && !prev; k--) if (group[k].anchorMs !== null) prev = group[k];
  if (!prev || !near(prev, chunk)) return 0;
  const late = lateness(prev, chunk);
  if (late <= DROPOUT_MS) return 0;
  const next = group.slice(i + 1).find((c) => c.anchorMs !== null);
  if (!next || !near(chunk, next)) return 0;
  // A noisy anchor is followed by one that comes back by about as much; lost time stays lost.
  return lateness(chunk, next) > -DROPOUT_MS / 2 ? late : 0;
}

const compareChunks = (a: PlanChunk, b: PlanChunk): number =>
  a.segment - b.segment || a.startSample - b.startSample || a.seq - b.seq;

/** Groups chunks by segment, in segment order; each group sorted by position. */
function bySegment<C extends PlanChunk>(chunks: readonly C[]): C[][] {
  const sorted = [...chunks].sort(compareChunks);
  const groups: C[][] = [];
  for (const c of sorted) {
    const last = groups[groups.length - 1];
    if (last && last[0].segment === c.segment) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

export function planAssembly<C extends PlanChunk>(
  chunks: readonly C[],
  sampleRate: number,
): AssemblyPlan<C> {
  const pieces: PlanPiece<C>[] = [];
  const gaps: RecordingGap[] = [];
  const anchors: Anchor[] = [];
  const segments: SegmentPlacement[] = [];
  const warnings: string[] = [];
  let cursor = 0; // track sample where the previous segment ended
  let lastSeq = -1;

  const silence = (from: number, to: number, gap: RecordingGap) => {
    if (to <= from) return;
    pieces.push({ kind: 'silence', trackStart: from, samples: to - from });
    gaps.push(gap);
  };

  for (const [index, group] of bySegment(chunks).entries()) {
    const segment = group[0].segment;
    let placement: SegmentPlacement;
    if (index === 0) {
      placement = { segment, trackStart: 0, placedBy: 'origin' };
    } else {
      const anchored = group.find((c) => c.anchorMs !== null);
      const line = placementLine(anchors, sampleRate);
      if (anchored && line) {
        const wanted = Math.round(sampleAt(line, anchored.anchorMs!)) - anchored.startSample;
        placement = { segment, trackStart: wanted, placedBy: 'anchor' };
        if (wanted < cursor) {
          placement = { ...placement, trackStart: cursor, clampedFrom: wanted };
          warnings.push(
            `segment ${segment}: its anchors place it at track sample ${wanted}, before the ` +
              `previous segment ends (${cursor}); clamped to ${cursor} ` +
              `(${(((cursor - wanted) / sampleRate) * 1000).toFixed(1)} ms later)`,
          );
        }
      } else {
        placement = { segment, trackStart: cursor, placedBy: 'continuity' };
        warnings.push(
          `segment ${segment}: ${anchored ? 'no earlier segment has anchors' : 'no chunk has a clock anchor'}; ` +
            `placed right after the previous segment (track sample ${cursor})`,
        );
      }
      silence(cursor, placement.trackStart, {
        startSample: cursor,
        samples: placement.trackStart - cursor,
        reason: 'between-segments',
        segment,
      });
    }
    segments.push(placement);

    let expected = placement.trackStart;
    let dropped = 0; // samples of audio dropouts inserted so far in this segment
    for (const [i, chunk] of group.entries()) {
      // Where the chunk sits with the dropouts found so far in this segment.
      const natural = placement.trackStart + chunk.startSample + dropped;
      if (natural < expected)
        throw new Error(
          `chunk seq ${chunk.seq} (segment ${segment}, samples ${chunk.startSample}+${chunk.sampleCount}) overlaps the chunk before it`,
        );
      silence(expected, natural, {
        startSample: expected,
        samples: natural - expected,
        reason: 'missing-chunks',
        ...(chunk.seq > lastSeq + 1 ? { seq: lastSeq + 1 } : {}),
      });
      const lostMs = dropoutBefore(group, i, sampleRate);
      const lost = Math.round((lostMs / 1000) * sampleRate);
      if (lost > 0) {
        silence(natural, natural + lost, {
          startSample: natural,
          samples: lost,
          reason: 'audio-dropout',
          seq: chunk.seq,
          segment,
        });
        warnings.push(
          `segment ${segment}: audio dropout of ${lostMs.toFixed(1)} ms before chunk ${chunk.seq} ` +
            `(its anchor is that much later than the samples before it account for)`,
        );
        dropped += lost;
      }
      const start = natural + lost;
      pieces.push({ kind: 'chunk', trackStart: start, chunk });
      if (chunk.anchorMs !== null) anchors.push({ sample: start, serverMs: chunk.anchorMs });
      expected = start + chunk.sampleCount;
      lastSeq = Math.max(lastSeq, chunk.seq);
    }
    cursor = expected;
  }
  return { durationSamples: cursor, pieces, gaps, anchors, segments, warnings };
}
