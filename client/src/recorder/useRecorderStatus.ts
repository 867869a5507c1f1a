/** React hooks over the recorder's and the page's upload status. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';

import { resumePendingUploads, subscribeUploadStatus, uploadStatus } from './page-services';
import type { Recorder } from './recorder';
import type { RecorderStatus } from './recorder-types';
import type { UploadStatus } from './uploader';

/** The recorder's status (re-renders on every change); null without a recorder. */
export function useRecorderStatus(recorder: Recorder | null | undefined): RecorderStatus | null {
  const subscribe = useCallback(
    (listener: () => void) => (recorder ? recorder.subscribe(listener) : () => undefined),
    [recorder],
  );
  const snapshot = useCallback(() => recorder?.status ?? null, [recorder]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * The page-wide upload status (everything the participant's outbox holds). Starts the uploader
 * if nothing did yet, so a page that shows this also uploads what an earlier page left.
 */
export function useUploadStatus(): UploadStatus {
  useEffect(() => {
    resumePendingUploads().catch(() => {
      // No IndexedDB: nothing can be pending either.
    });
  }, []);
  return useSyncExternalStore(subscribeUploadStatus, uploadStatus, uploadStatus);
}
