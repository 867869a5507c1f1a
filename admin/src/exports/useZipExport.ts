import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify } from 'react-admin';

import { downloadBlob } from '../common/download';
import { getErrorMessage } from '../dataProvider/apiError';
import { authHeaders, httpErrorOf } from '../dataProvider/httpClient';
import {
  type ExportProgress,
  type ExportRequest,
  filenameFromDisposition,
  formatBytes,
  plannedFilesOf,
  readWithProgress,
} from './zipExport';

/** Progress is shown at most this often (a fast download delivers thousands of chunks a second). */
const PROGRESS_EVERY_MS = 150;

/**
 * Sends the export request with the researcher's token, reads the streamed ZIP while reporting
 * the MB (and files) received, and saves it as a download. A 4xx before the stream (not yours,
 * bad filter) is shown with the server's message.
 */
export async function fetchZip(
  request: ExportRequest,
  signal: AbortSignal,
  onProgress: (p: ExportProgress) => void,
): Promise<{ blob: Blob; filename: string; bytes: number }> {
  const response = await fetch(request.url, {
    ...request.init,
    headers: authHeaders(request.init.headers),
    signal,
  });
  if (!response.ok || !response.body) throw await httpErrorOf(response);
  const chunks = await readWithProgress(
    response.body,
    plannedFilesOf(response.headers),
    onProgress,
  );
  const blob = new Blob(chunks as BlobPart[], { type: 'application/zip' });
  return {
    blob,
    bytes: blob.size,
    filename: filenameFromDisposition(
      response.headers.get('Content-Disposition'),
      request.fallbackName,
    ),
  };
}

export interface ZipExportState {
  /** Null when no export is running. */
  progress: ExportProgress | null;
  start: (request: ExportRequest) => Promise<void>;
  cancel: () => void;
}

/** One export at a time per button; leaving the page cancels it. */
export function useZipExport(onDone?: () => void): ZipExportState {
  const notify = useNotify();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (request: ExportRequest) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      setProgress({ bytes: 0, plannedFiles: null, files: 0 });
      let shownAt = 0;
      try {
        const { blob, filename, bytes } = await fetchZip(request, abort.signal, (p) => {
          const now = performance.now();
          if (now - shownAt < PROGRESS_EVERY_MS) return;
          shownAt = now;
          setProgress(p);
        });
        downloadBlob(blob, filename);
        notify(`Export saved: ${filename} (${formatBytes(bytes)})`, { type: 'info' });
        onDone?.();
      } catch (error) {
        if (abort.signal.aborted) notify('Export cancelled', { type: 'info' });
        else notify(`Export failed: ${getErrorMessage(error)}`, { type: 'error' });
      } finally {
        controller.current = null;
        setProgress(null);
      }
    },
    [notify, onDone],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { progress, start, cancel };
}
