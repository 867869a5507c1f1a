/** Waiting until the outbox holds nothing more of a track (before finalizing it). */
import type { Outbox } from './outbox';
import { RecorderError } from './recorder-types';

/** The outbox is re-read on every change of the track and at least this often. */
const POLL_MS = 1_000;

/**
 * Resolves once the track's creation and all its chunks have been acknowledged. Rejects with a
 * RecorderError: 'track-rejected' when the server refused the track, 'upload-timeout' (saying
 * how much is left) when that did not happen within `timeoutMs`.
 */
export function waitForTrackUploaded(
  outbox: Outbox,
  trackId: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let checking = false;
    let checkAgain = false;
    let lastLeft = { chunks: 0, bytes: 0, created: false };

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    };

    const check = async () => {
      if (checking) {
        checkAgain = true;
        return;
      }
      checking = true;
      try {
        do {
          checkAgain = false;
          const track = await outbox.getTrack(trackId);
          if (!track) return finish();
          if (track.rejected) {
            return finish(
              new RecorderError(
                'track-rejected',
                `The server refused this recording: ${track.rejected.message}`,
                track.rejected.status,
              ),
            );
          }
          lastLeft = {
            chunks: track.pendingChunks,
            bytes: track.pendingBytes,
            created: track.createdOnServer,
          };
          if (track.createdOnServer && track.pendingChunks === 0) return finish();
        } while (checkAgain && !settled);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      } finally {
        checking = false;
      }
    };

    const unsubscribe = outbox.subscribe((event) => {
      if ('trackId' in event && event.trackId === trackId) void check();
    });
    const poll = setInterval(() => void check(), POLL_MS);
    const deadline = setTimeout(() => {
      const what = lastLeft.created
        ? `${lastLeft.chunks} pieces of audio (${Math.ceil(lastLeft.bytes / 1024)} kB)`
        : 'the recording (the server has not been reached yet)';
      finish(
        new RecorderError(
          'upload-timeout',
          `Could not upload ${what} in time. Check the internet connection; nothing is lost, the audio waits in this browser.`,
        ),
      );
    }, timeoutMs);
    void check();
  });
}
