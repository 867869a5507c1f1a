/** Opens the participant's microphone for the session (recording and voice share the stream). */
import { useEffect, useState } from 'react';

import { closeMic, MicError, openMic, toMicError, type OpenMic } from '../recorder';
import type { RecordingProcessing } from '../../../src/games/common/api';

export type PlayMic =
  { state: 'opening' } | { state: 'open'; mic: OpenMic } | { state: 'failed'; error: MicError };

export function usePlayMic(
  processing: RecordingProcessing | undefined,
  deviceId: string | undefined,
  attempt: number,
): PlayMic {
  const [mic, setMic] = useState<PlayMic>({ state: 'opening' });
  const echoCancellation = processing?.echoCancellation ?? false;
  const noiseSuppression = processing?.noiseSuppression ?? false;
  const autoGainControl = processing?.autoGainControl ?? false;

  useEffect(() => {
    let cancelled = false;
    let opened: OpenMic | null = null;
    setMic({ state: 'opening' });
    const flags = { echoCancellation, noiseSuppression, autoGainControl };
    const open = async (): Promise<OpenMic> => {
      try {
        return await openMic({ ...flags, deviceId });
      } catch (error) {
        // The microphone chosen in the check is gone (unplugged): take the default one.
        if (deviceId && toMicError(error).reason === 'no-device') return openMic(flags);
        throw error;
      }
    };
    open().then(
      (value) => {
        if (cancelled) return closeMic(value);
        opened = value;
        setMic({ state: 'open', mic: value });
      },
      (error: unknown) => {
        if (!cancelled) setMic({ state: 'failed', error: toMicError(error) });
      },
    );
    return () => {
      cancelled = true;
      if (opened) closeMic(opened);
    };
  }, [echoCancellation, noiseSuppression, autoGainControl, deviceId, attempt]);

  return mic;
}
