/** Whole seconds until a server-clock deadline, re-rendered a few times a second. */
import { useEffect, useState } from 'react';

import { serverTimeOf } from '../recorder';

const TICK_MS = 200;

/** Seconds left until `endsAtMs` (server clock), rounded up, never below 0; null without one. */
export function useSecondsUntil(endsAtMs: number | null | undefined): number | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (endsAtMs === null || endsAtMs === undefined) return;
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, [endsAtMs]);
  if (endsAtMs === null || endsAtMs === undefined) return null;
  return secondsLeft(endsAtMs, serverTimeOf(performance.now()));
}

export function secondsLeft(endsAtMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((endsAtMs - nowMs) / 1000));
}
