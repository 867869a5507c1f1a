/**
 * The recording endpoints, with every answer sorted into what the uploader should do with it
 * (the shared `UploadTransport`, as the Atari frame log's `FrameApi`).
 */
import type {
  ChunkAck,
  ChunkUploadQuery,
  ClockSamplesRequest,
  CreateTrackRequest,
  RecordingTrackView,
} from '../../../src/games/common/recording';
import {
  enc,
  json,
  UploadTransport,
  type UploadApiOptions,
  type UploadOutcome,
} from '../common/upload-api';

export type { FetchFn } from '../common/upload-api';

/**
 * Statuses that mean "this item will never be accepted as it is". A 404 is retried: the track
 * may not be created yet.
 */
export const REFUSED_FOR_GOOD: ReadonlySet<number> = new Set([400, 403, 409, 413, 422]);

export type ApiOutcome<T> = UploadOutcome<T>;

export class RecordingApi {
  private readonly transport: UploadTransport;

  /** From the participant's options, or (`withToken`) from a transport already made. */
  constructor(options: UploadApiOptions | UploadTransport) {
    this.transport =
      options instanceof UploadTransport ? options : new UploadTransport(options, REFUSED_FOR_GOOD);
  }

  /** The same API with a fixed token (an upload pass must not switch participants midway). */
  withToken(token: string | null): RecordingApi {
    return new RecordingApi(this.transport.withToken(token));
  }

  createTrack(trackId: string, request: CreateTrackRequest): Promise<ApiOutcome<unknown>> {
    return this.transport.send('PUT', `/api/recordings/${enc(trackId)}`, json(request));
  }

  putChunk(
    trackId: string,
    seq: number,
    query: ChunkUploadQuery,
    bytes: ArrayBuffer,
  ): Promise<ApiOutcome<ChunkAck>> {
    const params = new URLSearchParams({
      segment: String(query.segment),
      startSample: String(query.startSample),
      sampleRate: String(query.sampleRate),
      contextTime: String(query.contextTime),
      captureMs: String(query.captureMs),
      clockId: query.clockId,
    });
    return this.transport.send('PUT', `/api/recordings/${enc(trackId)}/chunks/${seq}?${params}`, {
      body: bytes,
      contentType: 'application/octet-stream',
    });
  }

  postClockSamples(request: ClockSamplesRequest): Promise<ApiOutcome<unknown>> {
    return this.transport.send('POST', '/api/clock/samples', json(request));
  }

  getTrack(trackId: string): Promise<ApiOutcome<RecordingTrackView>> {
    return this.transport.send('GET', `/api/recordings/${enc(trackId)}`);
  }

  finalize(trackId: string): Promise<ApiOutcome<RecordingTrackView>> {
    return this.transport.send('POST', `/api/recordings/${enc(trackId)}/finalize`);
  }
}
