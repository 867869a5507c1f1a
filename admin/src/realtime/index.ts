export type { RealtimeStatus } from './connection';
export {
  useRealtime,
  useRealtimeConnect,
  useRealtimeStatus,
  useRenderUpdates,
  useSessionUpdates,
  useStudySubscriptions,
} from './hooks';
export { RealtimeIndicator } from './RealtimeIndicator';
export { realtime } from './realtime';
