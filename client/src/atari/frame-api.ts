/**
 * The frame-log endpoints the frame uploader calls, with every answer sorted into what to do
 * with it (the shared `UploadTransport`, as the recorder's `RecordingApi`).
 */
import type { FrameRecord } from '../../../src/games/common/atari-frames';
import {
  enc,
  json,
  UploadTransport,
  type UploadApiOptions,
  type UploadOutcome,
} from '../common/upload-api';
import type { EpisodeEnd } from './frame-outbox-types';

export type { ApiReason, FetchFn } from '../common/upload-api';

/** An unknown episode (404) will never accept frames either. */
export const FRAMES_REFUSED_FOR_GOOD: ReadonlySet<number> = new Set([400, 403, 404, 409, 413, 422]);

export type FrameApiOutcome = UploadOutcome<unknown>;

export class FrameApi {
  private readonly transport: UploadTransport;

  /** From the participant's options, or (`withToken`) from a transport already made. */
  constructor(options: UploadApiOptions | UploadTransport) {
    this.transport =
      options instanceof UploadTransport
        ? options
        : new UploadTransport(options, FRAMES_REFUSED_FOR_GOOD);
  }

  /** The same API with a fixed token (a pass must not switch participants midway). */
  withToken(token: string | null): FrameApi {
    return new FrameApi(this.transport.withToken(token));
  }

  putBatch(episodeId: string, seq: number, frames: FrameRecord[]): Promise<FrameApiOutcome> {
    return this.transport.send(
      'PUT',
      `/api/atari/episodes/${enc(episodeId)}/batches/${seq}`,
      json({ frames }),
    );
  }

  endEpisode(episodeId: string, end: EpisodeEnd): Promise<FrameApiOutcome> {
    return this.transport.send('POST', `/api/atari/episodes/${enc(episodeId)}/end`, json(end));
  }
}
