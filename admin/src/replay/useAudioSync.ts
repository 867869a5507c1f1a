import { useCallback, useEffect, useRef, useState } from 'react';

import { syncCommand } from './audio';
import type { TrackPlacement } from './model';
import type { ClockState } from './useReplayClock';

/** A track's media element once its audio is loaded. */
export interface LoadedTrack {
  element: HTMLMediaElement;
  placement: TrackPlacement;
  durationS: number;
}

interface Entry extends LoadedTrack {
  /** A play() is under way: do not seek or start again until it settles. */
  starting: boolean;
}

/** Below this a paused element is left where it is (seeking costs a decode). */
const PAUSED_SEEK_TOLERANCE_S = 0.05;

/**
 * Keeps every loaded track on the viewer's clock: on each clock change, each element is told
 * what `syncCommand` says (silent outside its span, started or seeked at the right WAV time,
 * its rate nudged to close drift). Returns the callback tracks register with, and which tracks
 * are playing.
 */
export function useAudioSync(clock: ClockState): {
  register: (id: string, track: LoadedTrack | null) => void;
  playing: ReadonlySet<string>;
  blocked: string | null;
} {
  const entries = useRef(new Map<string, Entry>());
  const [playing, setPlaying] = useState<ReadonlySet<string>>(new Set());
  const [blocked, setBlocked] = useState<string | null>(null);
  /** Bumped when a track comes or goes, so that a new track is synced at once. */
  const [generation, setGeneration] = useState(0);

  const refreshPlaying = useCallback(() => {
    const now = new Set<string>();
    for (const [id, e] of entries.current) if (!e.element.paused) now.add(id);
    setPlaying((before) =>
      before.size === now.size && [...now].every((id) => before.has(id)) ? before : now,
    );
  }, []);

  const register = useCallback(
    (id: string, track: LoadedTrack | null) => {
      const before = entries.current.get(id);
      if (before) {
        before.element.removeEventListener('play', refreshPlaying);
        before.element.removeEventListener('pause', refreshPlaying);
        if (before.element !== track?.element) before.element.pause();
      }
      if (track) {
        track.element.preservesPitch = true;
        track.element.addEventListener('play', refreshPlaying);
        track.element.addEventListener('pause', refreshPlaying);
        entries.current.set(id, { ...track, starting: false });
      } else entries.current.delete(id);
      refreshPlaying();
      setGeneration((g) => g + 1);
    },
    [refreshPlaying],
  );

  const { timeMs, playing: clockPlaying, speed } = clock;
  useEffect(() => {
    for (const entry of entries.current.values()) {
      const { element } = entry;
      if (entry.starting || element.seeking) continue;
      const command = syncCommand({
        placement: entry.placement,
        durationS: entry.durationS,
        timeMs,
        playing: clockPlaying,
        speed,
        elementSeconds: element.currentTime,
        elementPlaying: !element.paused,
      });
      switch (command.kind) {
        case 'stop':
          if (!element.paused) element.pause();
          if (
            command.seconds !== null &&
            Math.abs(element.currentTime - command.seconds) > PAUSED_SEEK_TOLERANCE_S
          )
            element.currentTime = command.seconds;
          break;
        case 'seek':
          element.playbackRate = command.playbackRate;
          element.currentTime = command.seconds;
          if (element.paused) {
            entry.starting = true;
            element
              .play()
              .then(() => setBlocked(null))
              .catch((error: unknown) => {
                if (error instanceof DOMException && error.name === 'NotAllowedError')
                  setBlocked('The browser blocked audio: press play again to allow it.');
              })
              .finally(() => {
                entry.starting = false;
              });
          }
          break;
        case 'rate':
          if (Math.abs(element.playbackRate - command.playbackRate) > 1e-4)
            element.playbackRate = command.playbackRate;
          break;
      }
    }
  }, [timeMs, clockPlaying, speed, generation]);

  // Silence on the way out.
  useEffect(() => {
    const map = entries.current;
    return () => {
      for (const entry of map.values()) entry.element.pause();
    };
  }, []);

  return { register, playing, blocked };
}
