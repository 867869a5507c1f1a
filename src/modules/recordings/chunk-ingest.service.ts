import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpStatus,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ChunkAck, RECORDING_LIMITS } from '../../games/common/recording.js';
import { LiveStatusService } from '../dashboard/live-status.service.js';
import type { ParticipantPrincipal } from '../participants/auth.types.js';
import { StorageService } from '../storage/storage.service.js';
import { MAX_SEGMENT_SAMPLES, type ChunkUploadQueryDto } from './recording.dto.js';
import { chunkKey } from './recording-keys.js';
import { RecordingStatus } from './recording.entity.js';
import { BYTES_PER_SAMPLE } from './wav.js';

export const CHUNK_CONTENT_TYPE = 'application/octet-stream';

/** A stored chunk as the read query returns it. */
interface StoredChunk {
  seq: number;
  segment: number;
  startSample: number;
  sampleCount: number;
  sha256: string;
  storageKey: string;
}

interface Position {
  segment: number;
  startSample: number;
  sampleCount: number;
}

/** The track and the stored chunks that matter for a new one, as of one snapshot. */
interface TrackState {
  studyId: string;
  participantId: string;
  sessionId: string | null;
  sampleRate: number;
  status: RecordingStatus;
  receivedChunks: number;
  receivedBytes: string;
  /** The chunk stored under the same seq. */
  same: StoredChunk | null;
  /** The nearest lower and higher stored seqs. */
  lower: StoredChunk | null;
  higher: StoredChunk | null;
  /**
   * The chunk of the same segment that starts last before the new one ends: the only one that can
   * overlap it, as stored chunks never overlap each other.
   */
  overlap: StoredChunk | null;
}

const chunkJson = (where: string, order = '') => `
  (SELECT row_to_json(c) FROM (
     SELECT seq, segment, "startSample", "sampleCount", sha256, "storageKey"
       FROM recording_chunks WHERE "recordingId" = r.id AND ${where} ${order} LIMIT 1) c)`;

/** One round trip, all by index: the track row and its chunks around the new one. */
const READ_SQL = `
  SELECT r."studyId", r."participantId", r."sessionId", r."sampleRate", r.status,
         r."receivedChunks", r."receivedBytes"::text AS "receivedBytes",
         ${chunkJson('seq = $2')} AS same,
         ${chunkJson('seq < $2', 'ORDER BY seq DESC')} AS lower,
         ${chunkJson('seq > $2', 'ORDER BY seq ASC')} AS higher,
         ${chunkJson('segment = $3 AND "startSample" < $4 AND seq <> $2', 'ORDER BY "startSample" DESC')} AS overlap
    FROM recordings r WHERE r.id = $1`;

/**
 * One atomic statement: bump the track's counters and insert the chunk row, only if the track is
 * still recording and no other chunk arrived since the read (`receivedChunks` unchanged: every
 * insert bumps it). The UPDATE locks the track row until the statement commits, so of two racing
 * uploads of one track only one passes; the other gets no row back and checks again.
 */
const WRITE_SQL = `
  WITH bumped AS (
    UPDATE recordings
       SET "receivedChunks" = "receivedChunks" + 1,
           "receivedBytes" = "receivedBytes" + $12::bigint,
           "lastSeq" = GREATEST(COALESCE("lastSeq", $2::int), $2::int),
           "lastChunkAt" = now(),
           "updatedAt" = now()
     WHERE id = $1::uuid AND status = 'recording' AND "receivedChunks" = $13::int
    RETURNING "receivedChunks", "receivedBytes"::text AS "receivedBytes"),
  inserted AS (
    INSERT INTO recording_chunks
      ("recordingId", seq, segment, "startSample", "sampleCount", "byteLength", sha256,
       "contextTime", "captureMs", "clockId", "storageKey")
    SELECT $1::uuid, $2::int, $3::int, $4::int, $5::int, $6::int, $7::text,
           $8::float8, $9::float8, $10::uuid, $11::text
      FROM bumped
    RETURNING seq)
  SELECT b."receivedChunks", b."receivedBytes", (SELECT count(*)::int FROM inserted) AS inserted
    FROM bumped b`;

/**
 * Read-check-write rounds an upload may take while other uploads of its track race it. Each round
 * lets at least one of them through, and a retry costs two queries (the bytes are already stored).
 */
const MAX_ATTEMPTS = 50;

const describeChunk = (seq: number, p: Position) =>
  `seq ${seq} (segment ${p.segment}, samples ${p.startSample}-${p.startSample + p.sampleCount - 1})`;

/** Order of two chunks on their track: by segment, then by start sample. */
const comparePosition = (a: Position, b: Position) =>
  a.segment - b.segment || a.startSample - b.startSample;

/** Checks a chunk body: raw 16-bit mono PCM within the limits. Returns its sample count. */
export function checkChunkBody(
  body: unknown,
  contentType: string | undefined,
  sampleRate: number,
): { bytes: Buffer; sampleCount: number } {
  const isRaw = (contentType ?? '').split(';')[0].trim().toLowerCase() === CHUNK_CONTENT_TYPE;
  if (!isRaw)
    throw new UnsupportedMediaTypeException(
      `Send the chunk's PCM bytes as the request body with Content-Type: ${CHUNK_CONTENT_TYPE}`,
    );
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (bytes.length === 0)
    throw new BadRequestException('The chunk is empty: send its 16-bit mono PCM bytes as the body');
  if (bytes.length % BYTES_PER_SAMPLE !== 0)
    throw new BadRequestException(
      `The chunk has an odd length (${bytes.length} bytes): 16-bit mono PCM has 2 bytes a sample`,
    );
  if (bytes.length > RECORDING_LIMITS.maxChunkBytes)
    throw new PayloadTooLargeException(
      `The chunk has ${bytes.length} bytes; at most ${RECORDING_LIMITS.maxChunkBytes} bytes (RECORDING_LIMITS.maxChunkBytes)`,
    );
  const sampleCount = bytes.length / BYTES_PER_SAMPLE;
  const maxSamples = RECORDING_LIMITS.maxChunkSeconds * sampleRate;
  if (sampleCount > maxSamples)
    throw new PayloadTooLargeException(
      `The chunk holds ${(sampleCount / sampleRate).toFixed(3)} s of audio (${sampleCount} samples at ${sampleRate} Hz); ` +
        `at most ${RECORDING_LIMITS.maxChunkSeconds} s (RECORDING_LIMITS.maxChunkSeconds)`,
    );
  return { bytes, sampleCount };
}

/**
 * The hot path of recording: one chunk upload in two database round trips. Read the track and the
 * neighbouring chunks (one snapshot) and check; write the bytes to storage under a key that holds
 * their hash (so racing uploads never overwrite each other's bytes); then one atomic statement
 * inserts the row and bumps the counters if nothing changed meanwhile (compare-and-swap on
 * `receivedChunks` under the track's row lock), or the upload checks again against the new state.
 */
@Injectable()
export class ChunkIngestService {
  private readonly logger = new Logger(ChunkIngestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StorageService,
    private readonly live: LiveStatusService,
  ) {}

  async ingest(
    principal: ParticipantPrincipal,
    trackId: string,
    seq: number,
    q: ChunkUploadQueryDto,
    body: unknown,
    contentType: string | undefined,
  ): Promise<ChunkAck> {
    const { bytes, sampleCount } = checkChunkBody(body, contentType, q.sampleRate);
    if (q.startSample + sampleCount > MAX_SEGMENT_SAMPLES)
      throw new BadRequestException(
        `startSample + samples (${q.startSample} + ${sampleCount}) passes ${MAX_SEGMENT_SAMPLES}, ` +
          'the most a segment can hold: start a new segment',
      );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const chunk: Position = { segment: q.segment, startSample: q.startSample, sampleCount };
    const ack = (duplicate: boolean, chunks: number, total: string): ChunkAck => ({
      trackId,
      seq,
      duplicate,
      receivedChunks: chunks,
      receivedBytes: Number(total),
    });
    let written: string | null = null; // bytes this upload stored that no row refers to yet
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [track] = await this.dataSource.query<TrackState[]>(READ_SQL, [
        trackId,
        seq,
        q.segment,
        q.startSample + sampleCount,
      ]);
      try {
        this.check(principal, trackId, seq, q, track, chunk, sha256);
      } catch (err) {
        await this.discard(written, track?.same);
        throw err;
      }
      if (track.same) {
        await this.discard(written, track.same);
        return ack(true, track.receivedChunks, track.receivedBytes);
      }
      const key = chunkKey({ ...track, id: trackId }, seq, sha256);
      if (written !== key) {
        await this.storage.put(key, bytes, { contentType: CHUNK_CONTENT_TYPE });
        written = key;
      }
      const [done] = await this.dataSource.query<
        { receivedChunks: number; receivedBytes: string; inserted: number }[]
      >(WRITE_SQL, [
        trackId,
        seq,
        q.segment,
        q.startSample,
        sampleCount,
        bytes.length,
        sha256,
        q.contextTime,
        q.captureMs,
        q.clockId,
        key,
        bytes.length,
        track.receivedChunks,
      ]);
      if (done?.inserted === 1) {
        // The researchers' live view: the session's last upload and the speaker's level.
        if (track.sessionId) this.live.audioStored(track.sessionId, track.participantId, bytes);
        return ack(false, done.receivedChunks, done.receivedBytes);
      }
      // Another upload of this track (or a finalize, or a delete) came first: check again.
    }
    await this.discard(written, null);
    throw new ServiceUnavailableException(
      `Track ${trackId} changed ${MAX_ATTEMPTS} times while seq ${seq} was being stored ` +
        '(too many uploads at once); retry',
    );
  }

  /** Every refusal of a chunk, judged from the state read. Throws the first that applies. */
  private check(
    principal: ParticipantPrincipal,
    trackId: string,
    seq: number,
    q: ChunkUploadQueryDto,
    track: TrackState | undefined,
    chunk: Position,
    sha256: string,
  ): asserts track is TrackState {
    if (!track)
      throw new NotFoundException(
        `Track ${trackId} does not exist: create it first with PUT /api/recordings/${trackId}`,
      );
    if (track.participantId !== principal.id)
      throw new ForbiddenException(`Track ${trackId} belongs to another participant`);
    if (q.sampleRate !== track.sampleRate)
      throw new UnprocessableEntityException(
        `sampleRate ${q.sampleRate} Hz does not match the track's ${track.sampleRate} Hz`,
      );
    if (track.same) {
      // An exact repeat is acknowledged whatever the track's status (its ack may have been lost).
      this.checkDuplicate(seq, track.same, chunk, sha256);
      return;
    }
    if (track.status !== RecordingStatus.Recording)
      throw new ConflictException(`Track ${trackId} is ${track.status}: it takes no more chunks`);
    this.checkPlace(seq, chunk, [track.lower, track.higher, track.overlap]);
    this.checkOrder(seq, chunk, track.lower, track.higher);
  }

  /** Deletes bytes this upload stored, unless the stored row refers to them. */
  private async discard(key: string | null, stored: StoredChunk | null | undefined) {
    if (!key || stored?.storageKey === key) return;
    await this.storage
      .delete(key)
      .catch((err: unknown) => this.logger.warn(`Could not delete unused ${key}: ${String(err)}`));
  }

  /** Same seq again: fine if it is the same chunk, a conflict otherwise. */
  private checkDuplicate(seq: number, stored: StoredChunk, chunk: Position, sha256: string) {
    const diffs: string[] = [];
    if (stored.segment !== chunk.segment)
      diffs.push(`segment ${chunk.segment} ≠ stored ${stored.segment}`);
    if (stored.startSample !== chunk.startSample)
      diffs.push(`startSample ${chunk.startSample} ≠ stored ${stored.startSample}`);
    if (stored.sampleCount !== chunk.sampleCount)
      diffs.push(`${chunk.sampleCount} samples ≠ stored ${stored.sampleCount}`);
    else if (stored.sha256 !== sha256) diffs.push('the bytes differ (sha256)');
    if (diffs.length)
      throw new ConflictException(
        `seq ${seq} is already stored with different content: ${diffs.join(', ')}`,
      );
  }

  /** The new chunk must not overlap a stored one of its segment. */
  private checkPlace(seq: number, chunk: Position, others: (StoredChunk | null)[]) {
    for (const other of others) {
      if (
        other !== null &&
        other.segment === chunk.segment &&
        other.startSample < chunk.startSample + chunk.sampleCount &&
        chunk.startSample < other.startSample + other.sampleCount
      )
        throw new ConflictException(
          `Chunk ${describeChunk(seq, chunk)} overlaps the stored chunk ${describeChunk(other.seq, other)}`,
        );
    }
  }

  /** Its place must follow its seq's order relative to the nearest stored lower and higher seq. */
  private checkOrder(
    seq: number,
    chunk: Position,
    lower: StoredChunk | null,
    higher: StoredChunk | null,
  ) {
    if (lower && comparePosition(lower, chunk) >= 0)
      throw new ConflictException(
        `Chunk ${describeChunk(seq, chunk)} is out of order: it lies before the stored chunk ` +
          `${describeChunk(lower.seq, lower)}, which has a lower seq`,
      );
    if (higher && comparePosition(chunk, higher) >= 0)
      throw new ConflictException(
        `Chunk ${describeChunk(seq, chunk)} is out of order: it lies after the stored chunk ` +
          `${describeChunk(higher.seq, higher)}, which has a higher seq`,
      );
  }
}

/** For the controller: 200 for a duplicate, 201 for a stored chunk. */
export const ackStatus = (ack: ChunkAck): HttpStatus =>
  ack.duplicate ? HttpStatus.OK : HttpStatus.CREATED;
