/**
 * Loading `/atari`: the server's view of the demonstrator's session, after the episodes a
 * previous page left running have been ended (a reload quits a game: the emulator's state is
 * gone, so the client ends it with `outcome: 'quit'` and the frames it stored, and the next game
 * is a new episode).
 */
import type { AtariSessionView } from '../../../src/games/common/atari-session';
import { pageOutbox } from '../recorder';
import { fetchAtariSession } from './atari-api';
import { pageFrameOutbox, resumeFrameUploads, waitForEpisodesEnded } from './page-frames';

/** Labels of the session's two tracks (a reload resumes the track with the same label). */
export const MIC_TRACK_LABEL = 'demonstrator mic';
export const GAME_TRACK_LABEL = 'game audio';

export interface LoadedSession {
  view: AtariSessionView;
  /** The rate of this browser's unfinished game-audio track of the session, to continue it. */
  gameSampleRate: number | undefined;
}

export async function loadAtariSession(
  participantId: string,
  signal: AbortSignal,
  onProgress: (message: string) => void,
): Promise<LoadedSession> {
  let view = await fetchAtariSession(signal);
  const outbox = await pageFrameOutbox();
  void resumeFrameUploads().catch(() => undefined);
  const running = view.episodes.filter((e) => e.status === 'running');
  if (running.length > 0 && view.sessionId) {
    onProgress('Saving your last game…');
    for (const episode of running) {
      // An episode this browser played keeps its own count (some batches may still be pending).
      await outbox.addEpisode(participantId, {
        episodeId: episode.id,
        sessionId: view.sessionId,
        practice: episode.practice,
        nextFrame: episode.frames,
      });
      await outbox.requestEnd(episode.id, 'quit');
    }
    // A refused end stays in the outbox's `rejected` store, shown by the flow.
    await waitForEpisodesEnded(participantId, signal);
    view = await fetchAtariSession(signal);
  }
  return { view, gameSampleRate: await gameTrackRate(participantId, view.sessionId) };
}

async function gameTrackRate(
  participantId: string,
  sessionId: string | null,
): Promise<number | undefined> {
  if (!sessionId) return undefined;
  try {
    const tracks = await (await pageOutbox()).listTracks(participantId);
    const track = tracks
      .filter(
        (t) =>
          !t.rejected &&
          t.request.kind === 'game' &&
          t.request.sessionId === sessionId &&
          t.request.label === GAME_TRACK_LABEL,
      )
      .sort((a, b) => a.createdAt - b.createdAt)
      .at(-1);
    return track?.request.sampleRate;
  } catch {
    return undefined; // No recorder outbox: a new track at the device's rate.
  }
}
