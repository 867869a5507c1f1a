/**
 * What `Recorder.start()` works out before capturing: which track to record into (new, or one to
 * resume after a reload), the create request, and this run's segment and first seq.
 */
import type {
  CreateTrackRequest,
  RecordingTrackView,
  TrackSourceInfo,
} from '../../../src/games/common/recording';
import type { Outbox, OutboxTrack } from './outbox';
import type { RecordingApi } from './recording-api';
import { RecorderError, type RecorderStartOptions } from './recorder-types';

/** How long `start()` waits for the server's view of a resumed track before going on without. */
const SERVER_LOOKUP_MS = 3_000;
const MAX_LABEL = 80;

/** The outbox's record of the track to resume, if any (checked to be this participant's). */
export async function findTrackToResume(
  outbox: Outbox,
  participantId: string,
  options: RecorderStartOptions,
): Promise<OutboxTrack | undefined> {
  if (options.trackId) {
    const track = await outbox.getTrack(options.trackId);
    if (track && track.participantId !== participantId) {
      throw new RecorderError(
        'wrong-participant',
        'This recording belongs to another participant on this computer.',
      );
    }
    return track;
  }
  if (!options.resume) return undefined;
  const candidates = (await outbox.listTracks(participantId)).filter(
    (track) =>
      !track.rejected &&
      track.request.kind === options.kind &&
      track.request.sessionId === options.sessionId &&
      track.request.episodeId === options.episodeId &&
      track.request.label === trimLabel(options.label),
  );
  candidates.sort((a, b) => b.updatedAt - a.updatedAt);
  return candidates[0];
}

export function trimLabel(label: string | undefined): string | undefined {
  return label === undefined ? undefined : label.slice(0, MAX_LABEL);
}

export function buildCreateRequest(
  options: RecorderStartOptions,
  sampleRate: number,
  source: TrackSourceInfo,
): CreateTrackRequest {
  const request: CreateTrackRequest = { kind: options.kind, sampleRate, channels: 1, source };
  if (options.sessionId !== undefined) request.sessionId = options.sessionId;
  if (options.episodeId !== undefined) request.episodeId = options.episodeId;
  const label = trimLabel(options.label);
  if (label !== undefined) request.label = label;
  return request;
}

/** `TrackSourceInfo` without the undefined fields (they would be sent as nothing anyway). */
export function sourceInfo(info: TrackSourceInfo): TrackSourceInfo {
  const entries = Object.entries(info).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries);
}

/** The server's view of the track, or null when it does not know it or cannot be asked now. */
async function serverView(api: RecordingApi, trackId: string): Promise<RecordingTrackView | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SERVER_LOOKUP_MS);
  });
  try {
    const outcome = await Promise.race([api.getTrack(trackId), timeout]);
    return outcome?.kind === 'ok' ? outcome.body : null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Queues the track (when new to this browser) and claims this run's segment.
 *
 * - Known to the outbox (the usual resume after a reload): next segment from the outbox; next seq
 *   = max(outbox, server's `lastSeq + 1` when reachable).
 * - Unknown here but known to the server (a resume on another computer, or a cleared browser):
 *   the server has the track, so it is not created again; seq continues at `lastSeq + 1`, and so
 *   does the segment. The server does not report segments; each run advances the segment by one
 *   and the seq by at least one if it recorded anything, so `lastSeq + 1` is beyond every earlier
 *   segment unless some earlier run recorded nothing at all: the best a client without the
 *   outbox's record can do.
 * - New: segment 0, seq 0.
 */
export async function claimSegment(args: {
  outbox: Outbox;
  api: RecordingApi;
  participantId: string;
  trackId: string;
  existing: OutboxTrack | undefined;
  request: CreateTrackRequest;
  /** Ask the server (only when resuming a given track id). */
  askServer: boolean;
}): Promise<{ segment: number; nextSeq: number; track: OutboxTrack }> {
  const { outbox, api, participantId, trackId, existing, request } = args;
  const view = args.askServer ? await serverView(api, trackId) : null;
  const serverNext = view?.lastSeq !== null && view?.lastSeq !== undefined ? view.lastSeq + 1 : 0;
  if (view && view.sampleRate !== request.sampleRate) {
    throw new RecorderError(
      'sample-rate-mismatch',
      `This recording is at ${view.sampleRate} Hz but the audio now runs at ${request.sampleRate} Hz.`,
    );
  }
  if (existing?.rejected) {
    throw new RecorderError(
      'track-rejected',
      `The server refused this recording: ${existing.rejected.message}`,
      existing.rejected.status,
    );
  }
  const track =
    existing ??
    (await outbox.addTrack(participantId, trackId, request, {
      nextSeq: serverNext,
      nextSegment: view ? serverNext : 0,
      createdOnServer: view !== null,
    }));
  const { segment, nextSeq } = await outbox.beginSegment(trackId, serverNext);
  return { segment, nextSeq, track };
}
