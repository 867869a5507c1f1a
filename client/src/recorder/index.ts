/**
 * The browser side of audio recording (flows 5 and 6 of ARCHITECTURE.md): everything a page
 * needs to check the mic, record tracks, stamp events in server time, and see upload progress.
 */
export { Recorder } from './recorder';
export {
  RecorderError,
  type FinalizeOptions,
  type ProcessingFlags,
  type RecorderErrorCode,
  type RecorderStartOptions,
  type RecorderState,
  type RecorderStatus,
} from './recorder-types';
export {
  closeMic,
  listMicrophones,
  MicError,
  openMic,
  toMicError,
  type MicErrorReason,
  type MicOptions,
  type OpenMic,
} from './mic';
export {
  ClockSync,
  httpClockTransport,
  type ClockSyncOptions,
  type ClockTransport,
} from './clock-sync';
export {
  currentIdentity,
  pageClock,
  pageOutbox,
  resumePendingUploads,
  serverTimeOf,
  setPageClockTransport,
  subscribeUploadStatus,
  uploadStatus,
} from './page-services';
export { EMPTY_UPLOAD_STATUS, type UploadStatus } from './uploader';
export type { Outbox, OutboxSummary, OutboxTrack, RejectedItem } from './outbox';
export type { LevelReading } from './level-meter';
export { CaptureClock, captureMsOf, renderMsOf, type CaptureTime } from './capture-clock';
export { useRecorderStatus, useUploadStatus } from './useRecorderStatus';
export { MicCheck, type MicCheckProps } from './MicCheck';
