/**
 * A render that cannot succeed however often it is tried: a broken or missing input (a WAV gone
 * from storage, a hole in the frame log, a ROM no longer in the library). Recorded on the render
 * as failed, not retried. Any other error (ffmpeg crashing, storage or database unreachable) is
 * retried by the queue with backoff.
 */
export class RenderInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderInputError';
  }
}
