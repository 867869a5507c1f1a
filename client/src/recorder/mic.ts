/**
 * Opening the microphone for recording: raw by default (no echo cancellation, noise suppression
 * or automatic gain: they distort speech for analysis), with typed errors that a page can explain.
 */

export type MicErrorReason =
  /** The participant or the browser refused (NotAllowedError, SecurityError). */
  | 'permission-denied'
  /** No microphone, or none matching the constraints (NotFoundError, OverconstrainedError). */
  | 'no-device'
  /** The microphone is in use by another program or failed to start (NotReadableError). */
  | 'device-busy'
  /** The page is not on https or localhost, so the browser offers no microphone at all. */
  | 'insecure-context'
  | 'unknown';

export class MicError extends Error {
  readonly reason: MicErrorReason;

  constructor(reason: MicErrorReason, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'MicError';
    this.reason = reason;
  }
}

export interface MicOptions {
  deviceId?: string;
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
  autoGainControl?: boolean;
}

export interface OpenMic {
  stream: MediaStream;
  track: MediaStreamTrack;
  /** The device's name ("" when the browser hides it). */
  deviceLabel: string;
  settings: MediaTrackSettings & { latency?: number };
}

const MESSAGES: Record<MicErrorReason, string> = {
  'permission-denied': 'Microphone access is blocked.',
  'no-device': 'No microphone was found. Connect one and try again.',
  'device-busy':
    'The microphone could not be started. Close other programs that use it (calls, recorders) and try again.',
  'insecure-context':
    'This page cannot use the microphone because it is not served over a secure connection (https).',
  unknown: 'The microphone could not be opened.',
};

/** Translates a getUserMedia failure into a MicError. */
export function toMicError(error: unknown): MicError {
  if (error instanceof MicError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  let reason: MicErrorReason;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      reason = 'permission-denied';
      break;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      reason = 'no-device';
      break;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      reason = 'device-busy';
      break;
    default:
      reason = 'unknown';
  }
  return new MicError(reason, MESSAGES[reason], error);
}

export async function openMic({
  deviceId,
  echoCancellation = false,
  noiseSuppression = false,
  autoGainControl = false,
}: MicOptions = {}): Promise<OpenMic> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new MicError('insecure-context', MESSAGES['insecure-context']);
  }
  const audio: MediaTrackConstraints = {
    echoCancellation,
    noiseSuppression,
    autoGainControl,
    channelCount: { ideal: 1 },
  };
  if (deviceId) audio.deviceId = { exact: deviceId };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
  } catch (error) {
    throw toMicError(error);
  }
  const track = stream.getAudioTracks()[0];
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    throw new MicError('no-device', MESSAGES['no-device']);
  }
  return { stream, track, deviceLabel: track.label, settings: track.getSettings() };
}

/** Stops every track of an opened mic (releases the device; the browser's indicator goes off). */
export function closeMic(mic: Pick<OpenMic, 'stream'>): void {
  for (const track of mic.stream.getTracks()) track.stop();
}

/** The audio inputs (labels are empty until the page has been given microphone access). */
export async function listMicrophones(): Promise<MediaDeviceInfo[]> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'audioinput');
}
