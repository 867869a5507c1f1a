import { useEffect, useRef, useSyncExternalStore } from 'react';

import type { RenderUpdate, SessionUpdate } from '../../../src/games/common/dashboard-events';
import type { RealtimeStatus } from './connection';
import { realtime } from './realtime';

/** Keeps the live connection open while the calling component is mounted. */
export function useRealtime(): void {
  useEffect(() => realtime.acquire(), []);
}

/** The live connection's state, e.g. for a "live" indicator. */
export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(realtime.subscribeStatus, realtime.getStatus);
}

/** Calls `callback` with every `render:update` pushed to this researcher (latest callback). */
export function useRenderUpdates(callback: (update: RenderUpdate) => void): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    const release = realtime.acquire();
    const off = realtime.onRenderUpdate((update) => latest.current(update));
    return () => {
      off();
      release();
    };
  }, []);
}

/** Calls `callback` with every `session:update` pushed to this researcher (latest callback). */
export function useSessionUpdates(callback: (update: SessionUpdate) => void): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    const release = realtime.acquire();
    const off = realtime.onSessionUpdate((update) => latest.current(update));
    return () => {
      off();
      release();
    };
  }, []);
}

/** Calls `callback` on every (re)connect: whatever was pushed while away was missed. */
export function useRealtimeConnect(callback: () => void): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => realtime.onConnect(() => latest.current()), []);
}

/**
 * Also receive the events of these studies: the connection receives the studies visible when it
 * opened, so one created since (or shared since) is added here.
 */
export function useStudySubscriptions(studyIds: readonly (string | null | undefined)[]): void {
  const key = [...new Set(studyIds.filter((id): id is string => !!id))].sort().join(',');
  useEffect(() => {
    if (key) realtime.subscribeStudies(key.split(','));
  }, [key]);
}
