/**
 * The recording API shared by the server (`src/modules/recordings/`) and the client recorder
 * (`client/src/recorder/`). Pure types and constants: no Node or browser APIs.
 *
 * Wire model
 * ----------
 * - A *track* is one audio stream of one participant (their mic, the game's sound, ...). The
 *   client chooses the track id (a UUID) so that it can queue chunks before the server has heard
 *   of the track (an outage at the very start loses nothing). `PUT /api/recordings/:trackId`
 *   creates it idempotently.
 * - A *segment* is one uninterrupted run of the recorder on one page load (one AudioContext).
 *   A reload or a restart of the recorder begins the next segment (0, 1, 2, ...). Sample indexes
 *   inside a chunk are counted from the start of its segment; the server places segments on the
 *   track's timeline by their clock anchors and fills what lies between with logged silence.
 * - A *chunk* is ~1 s of mono 16-bit little-endian PCM at the track's sample rate, uploaded with
 *   `PUT /api/recordings/:trackId/chunks/:seq` (body: the raw bytes, `application/octet-stream`;
 *   the metadata below in the query string). `seq` counts chunks over the whole track, across
 *   segments. The upload is idempotent by (track, seq): the same chunk again is acknowledged as a
 *   duplicate; a different chunk under a used seq is refused.
 * - A *clock domain* is one page load's `performance.now()` timebase, named by a random UUID
 *   (`clockId`). Clock samples (NTP-style exchanges) and chunk capture times are expressed in it,
 *   so the server can map every chunk to its own clock, even after a reload changed the timebase.
 */

export type TrackKind = 'mic' | 'game' | 'other';
export const TRACK_KINDS: readonly TrackKind[] = ['mic', 'game', 'other'];

/**
 * recording: takes chunks · finalizing: the WAV is being assembled · finalized: the WAV and the
 * mapping are stored · failed: assembly failed (see `error`), finalize may be retried ·
 * deleted: the audio was deleted (withdrawal); the row stays as a record that it existed.
 */
export type TrackStatus = 'recording' | 'finalizing' | 'finalized' | 'failed' | 'deleted';

export const RECORDING_LIMITS = {
  minSampleRate: 8000,
  maxSampleRate: 192000,
  /** A chunk may hold at most this many seconds of audio (at the track's rate)... */
  maxChunkSeconds: 5,
  /** ...and at most this many bytes. */
  maxChunkBytes: 2 * 1024 * 1024,
  maxSegments: 10000,
  maxSeq: 10_000_000,
  /** Clock samples per `POST /api/clock/samples`. */
  maxClockSamplesPerPost: 200,
} as const;

/** How the track was captured: kept with the track so that an analysis can check the setup. */
export interface TrackSourceInfo {
  deviceLabel?: string;
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
  autoGainControl?: boolean;
  /** `MediaTrackSettings.latency` of the captured track, seconds. */
  inputLatencyS?: number;
  /** `AudioContext.baseLatency`, seconds. */
  baseLatencyS?: number;
  /** `AudioContext.outputLatency`, seconds. */
  outputLatencyS?: number;
  userAgent?: string;
}

/** Body of `PUT /api/recordings/:trackId`. */
export interface CreateTrackRequest {
  kind: TrackKind;
  sampleRate: number;
  /** Only mono is recorded; the field exists so that the wire format is explicit. */
  channels: 1;
  sessionId?: string;
  episodeId?: string;
  /** Free text such as "teacher mic" or "game audio"; at most 80 characters. */
  label?: string;
  source?: TrackSourceInfo;
}

/** Query string of `PUT /api/recordings/:trackId/chunks/:seq` (all numbers in decimal). */
export interface ChunkUploadQuery {
  /** Segment (recorder run) this chunk belongs to. */
  segment: number;
  /** Index, from the start of its segment, of the chunk's first sample. */
  startSample: number;
  /** Sample rate of the bytes; must equal the track's. */
  sampleRate: number;
  /** `AudioContext` time (s) of the chunk's first sample, i.e. `currentFrame / sampleRate`. */
  contextTime: number;
  /**
   * When the chunk's first sample reached the microphone, in the `performance.now()` timebase of
   * `clockId` (ms), as worked out by the client's capture mapping (see `client/src/recorder`).
   */
  captureMs: number;
  clockId: string;
}

/** Answer to a chunk upload (201 stored, 200 duplicate). */
export interface ChunkAck {
  trackId: string;
  seq: number;
  duplicate: boolean;
  receivedChunks: number;
  receivedBytes: number;
}

/** Body of `POST /api/clock/ping`; answered at once with the server's time. */
export interface ClockPingRequest {
  /** The client's `performance.now()` when it sent the ping (echoed back). */
  clientSendMs: number;
}

export interface ClockPingResponse {
  clientSendMs: number;
  /** Server time (Unix epoch, ms, with sub-ms precision) when it answered. */
  serverMs: number;
}

/** Answer to `POST /api/clock/samples`. */
export interface ClockSamplesResponse {
  clockId: string;
  /** Samples newly stored by this call (repeats of stored ones are ignored). */
  stored: number;
  /** Samples now stored for this participant and clockId. */
  total: number;
}

/** One NTP-style exchange, in the `performance.now()` timebase of its clock domain. */
export interface ClockSample {
  clientSendMs: number;
  serverMs: number;
  clientRecvMs: number;
}

/** Body of `POST /api/clock/samples` (idempotent by clockId + clientSendMs). */
export interface ClockSamplesRequest {
  clockId: string;
  /** `performance.timeOrigin` of the page (Unix ms), for the record. */
  timeOrigin?: number;
  samples: ClockSample[];
}

/** A stretch of the WAV that was filled with silence. Positions are in samples of the track. */
export interface RecordingGap {
  startSample: number;
  samples: number;
  /**
   * missing-chunks: chunks never arrived · between-segments: a reload or restart of the recorder ·
   * audio-dropout: the browser's audio clock fell behind the server clock (a starved audio thread)
   * and the lost time is put back as silence so that the WAV stays on the server's clock.
   */
  reason: 'missing-chunks' | 'between-segments' | 'audio-dropout';
  /** The first missing seq (missing-chunks) or the segment that starts after the gap. */
  seq?: number;
  segment?: number;
}

/**
 * `serverMs(sampleIndex) = interceptMs + msPerSample * sampleIndex`, a least-squares fit over
 * every chunk's anchor (its first sample's track index and its capture time on the server clock).
 */
export interface SampleTimeMapping {
  interceptMs: number;
  msPerSample: number;
  /** How far the audio clock runs fast (+) or slow (-) against the server clock, ppm. */
  driftPpm: number;
  anchors: number;
  rmsResidualMs: number;
  maxResidualMs: number;
  /** Clock samples the offset estimate used, and the smallest round trip among them. */
  clockSamples: number;
  minRttMs: number | null;
  /** How each clock domain's offset was estimated (added by the server; informative). */
  clocks?: ClockDomainFit[];
}

/** The offset model of one clock domain (`clockId`), as finalize estimated it. */
export interface ClockDomainFit {
  clockId: string;
  /** linear: offset fitted with drift · constant: the min-RTT sample's · none: no clock samples. */
  kind: 'linear' | 'constant' | 'none';
  /** Chunks of the track in this clock domain. */
  chunks: number;
  samples: number;
  samplesUsed: number;
  bursts: number;
  burstsUsed: number;
  minRttMs: number | null;
  /**
   * The fitted clock of this domain: a client time `c` (its `performance.now()`) is server time
   * `c + offsetMs + (clockDriftPpm / 1e6) · (c − refClientMs)`. Exports map the domain's game
   * events with it, so that events and audio share one clock estimate.
   */
  offsetMs: number | null;
  clockDriftPpm: number | null;
  refClientMs: number | null;
}

export interface RecordingTrackView {
  id: string;
  studyId: string;
  /** The participant row's uuid, and their study ID (T0001). */
  participantId: string;
  participantCode: string;
  sessionId: string | null;
  episodeId: string | null;
  kind: TrackKind;
  label: string | null;
  sampleRate: number;
  channels: 1;
  status: TrackStatus;
  receivedChunks: number;
  receivedBytes: number;
  /** Highest seq received (null before the first chunk). */
  lastSeq: number | null;
  lastChunkAt: string | null;
  createdAt: string;
  finalizedAt: string | null;
  /** Set once finalized. */
  durationSamples: number | null;
  gaps: RecordingGap[] | null;
  mapping: SampleTimeMapping | null;
  source: TrackSourceInfo | null;
  error: string | null;
}

/** `GET /api/recordings/:trackId/download` */
export interface RecordingDownload {
  url: string;
  expiresAt: string;
}

/** `DELETE /api/participants/:id/recordings` (withdrawal): what was deleted. */
export interface ParticipantRecordingsDeleted {
  /** The participant row's uuid. */
  participantId: string;
  /** Tracks whose audio this call deleted (tracks deleted before are not counted). */
  tracks: number;
  clockSamples: number;
}
