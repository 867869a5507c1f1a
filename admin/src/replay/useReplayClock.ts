import { useCallback, useEffect, useState } from 'react';

import { clamp } from './search';

export const SPEEDS = [0.5, 1, 2] as const;
export type Speed = (typeof SPEEDS)[number];

export interface ClockState {
  /** Server-clock ms being shown. */
  timeMs: number;
  playing: boolean;
  speed: Speed;
}

export interface ReplayClock extends ClockState {
  play: () => void;
  pause: () => void;
  toggle: () => void;
  seek: (ms: number) => void;
  setSpeed: (speed: Speed) => void;
}

/**
 * The viewer's clock, the master that frames and audio follow: advances with the display
 * (requestAnimationFrame, real elapsed time times the speed) from `startMs` to `endMs`, where it
 * stops. A new range puts the clock at its start.
 */
export function useReplayClock(startMs: number, endMs: number): ReplayClock {
  const [state, setState] = useState<ClockState>({ timeMs: startMs, playing: false, speed: 1 });

  useEffect(() => {
    setState((s) => ({ ...s, timeMs: startMs, playing: false }));
  }, [startMs, endMs]);

  const playing = state.playing;
  useEffect(() => {
    if (!playing) return;
    let last: number | null = null;
    let id = 0;
    const tick = (now: number) => {
      const elapsed = last === null ? 0 : now - last;
      last = now;
      setState((s) => {
        if (!s.playing) return s;
        const timeMs = Math.min(endMs, s.timeMs + elapsed * s.speed);
        return { ...s, timeMs, playing: timeMs < endMs };
      });
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [playing, endMs]);

  const play = useCallback(
    () =>
      setState((s) => ({ ...s, playing: true, timeMs: s.timeMs >= endMs ? startMs : s.timeMs })),
    [startMs, endMs],
  );
  const pause = useCallback(() => setState((s) => ({ ...s, playing: false })), []);
  const toggle = useCallback(
    () =>
      setState((s) =>
        s.playing
          ? { ...s, playing: false }
          : { ...s, playing: true, timeMs: s.timeMs >= endMs ? startMs : s.timeMs },
      ),
    [startMs, endMs],
  );
  const seek = useCallback(
    (ms: number) => setState((s) => ({ ...s, timeMs: clamp(ms, startMs, endMs) })),
    [startMs, endMs],
  );
  const setSpeed = useCallback((speed: Speed) => setState((s) => ({ ...s, speed })), []);

  return { ...state, play, pause, toggle, seek, setSpeed };
}
