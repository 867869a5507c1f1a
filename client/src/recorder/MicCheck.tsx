/**
 * The microphone check: opens the mic (raw: no echo cancellation, noise suppression or automatic
 * gain), shows its name, a level meter fed by the recorder's worklet, a device picker when there
 * are several, and warnings when it hears nothing for ~3 s or the signal clips. When access is
 * refused it explains how to allow it and offers "Try again".
 *
 * `onReady(ok)` tells the page whether the mic works: true once it is open and something is
 * heard, false when it cannot be opened or has been silent for ~3 s (clipping only warns).
 */
import { useEffect, useId, useRef, useState } from 'react';

import { ErrorAlert } from '../components/ErrorAlert';
import { SILENCE_DB } from './level-meter';
import { closeMic, listMicrophones, MicError, openMic, toMicError, type OpenMic } from './mic';
import type { ProcessingFlags } from './recorder-types';
import { SignalMonitor, type SignalVerdict } from './signal-monitor';
import { createRecorderNode, levelFramesFor } from './worklet-node';
import type { WorkletToMain } from './worklet-messages';

/** The meter's range, dBFS: shown (and announced as aria-valuenow) as 0–100 %. */
const METER_MIN_DB = -60;
const METER_MAX_DB = 0;
/** How fast the shown level falls back (dB per reading): a readable meter, not a flicker. */
const FALL_DB_PER_READING = 2;

export interface MicCheckProps {
  /** Called with true when the mic works and is heard, false when it fails or stays silent. */
  onReady?: (ok: boolean) => void;
  /** Called with the chosen device (for a page that records with it afterwards). */
  onDeviceChange?: (deviceId: string | undefined) => void;
  /** Called when the mic cannot be opened (refused, missing, busy), with why. */
  onError?: (error: MicError) => void;
  /** The device to open first (default: the browser's choice). */
  deviceId?: string;
  /**
   * The processing the study records with (its `config.recording`; default all off), so that the
   * check hears what the recording will.
   */
  processing?: Partial<ProcessingFlags>;
}

type Phase =
  | { kind: 'opening' }
  | { kind: 'live'; label: string; deviceId?: string }
  | { kind: 'failed'; error: MicError };

const QUIET: SignalVerdict = { heard: false, silent: false, clipping: false };

export function MicCheck({
  onReady,
  onDeviceChange,
  onError,
  deviceId: initialDevice,
  processing,
}: MicCheckProps) {
  const echoCancellation = processing?.echoCancellation ?? false;
  const noiseSuppression = processing?.noiseSuppression ?? false;
  const autoGainControl = processing?.autoGainControl ?? false;
  const [deviceId, setDeviceId] = useState(initialDevice);
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'opening' });
  const [levelDb, setLevelDb] = useState(SILENCE_DB);
  const [verdict, setVerdict] = useState<SignalVerdict>(QUIET);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const pickerId = useId();

  // The callbacks may change identity on every render of the page: keep the latest.
  const onReadyRef = useRef(onReady);
  const onDeviceRef = useRef(onDeviceChange);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onReadyRef.current = onReady;
    onDeviceRef.current = onDeviceChange;
    onErrorRef.current = onError;
  });

  useEffect(() => {
    let cancelled = false;
    let mic: OpenMic | null = null;
    let context: AudioContext | null = null;
    let node: AudioWorkletNode | null = null;
    setPhase({ kind: 'opening' });
    setVerdict(QUIET);
    setLevelDb(SILENCE_DB);

    // Idempotent: called by the cleanup, and by `open` when the cleanup ran while it awaited.
    const release = () => {
      if (node) {
        node.port.onmessage = null;
        node.disconnect();
        node = null;
      }
      if (mic) closeMic(mic);
      mic = null;
      if (context && context.state !== 'closed') void context.close();
      context = null;
    };

    const open = async () => {
      try {
        const opened = await openMic({
          deviceId,
          echoCancellation,
          noiseSuppression,
          autoGainControl,
        });
        mic = opened;
        if (cancelled) return release();
        const ctx = new AudioContext({ latencyHint: 'interactive' });
        context = ctx;
        const worklet = await createRecorderNode(ctx, {
          chunkFrames: 1,
          emitChunks: false,
          levelFrames: levelFramesFor(ctx.sampleRate),
        });
        node = worklet;
        if (cancelled) return release();
        ctx.createMediaStreamSource(opened.stream).connect(worklet);
        void ctx.resume();
        const monitor = new SignalMonitor();
        worklet.port.onmessage = (event: MessageEvent<WorkletToMain>) => {
          const message = event.data;
          if (message.type !== 'level') return;
          setLevelDb((shown) => Math.max(message.peakDb, shown - FALL_DB_PER_READING));
          const next = monitor.push(message, performance.now());
          setVerdict((current) => (sameVerdict(current, next) ? current : next));
        };
        const settings = opened.track.getSettings();
        setPhase({ kind: 'live', label: opened.deviceLabel, deviceId: settings.deviceId });
        onDeviceRef.current?.(settings.deviceId);
        const inputs = await listMicrophones();
        if (!cancelled) setDevices(inputs);
      } catch (error) {
        if (cancelled) return release();
        release();
        setPhase({ kind: 'failed', error: toMicError(error) });
      }
    };
    void open();

    return () => {
      cancelled = true;
      release();
    };
  }, [deviceId, attempt, echoCancellation, noiseSuppression, autoGainControl]);

  // Tell the page, once per change.
  const ok = phase.kind === 'live' && verdict.heard && !verdict.silent;
  const failed = phase.kind === 'failed' || (phase.kind === 'live' && verdict.silent);
  const readiness = ok ? true : failed ? false : null;
  useEffect(() => {
    if (readiness !== null) onReadyRef.current?.(readiness);
  }, [readiness]);
  const failure = phase.kind === 'failed' ? phase.error : null;
  useEffect(() => {
    if (failure) onErrorRef.current?.(failure);
  }, [failure]);

  const retry = () => setAttempt((n) => n + 1);

  if (phase.kind === 'failed') {
    if (phase.error.reason === 'permission-denied') return <MicBlocked onRetry={retry} />;
    return (
      <ErrorAlert error={{ message: phase.error.message }}>
        <button type="button" className="button button--secondary" onClick={retry}>
          Try again
        </button>
      </ErrorAlert>
    );
  }

  if (phase.kind === 'opening') {
    return (
      <p className="status" role="status">
        Opening the microphone… If the browser asks, choose “Allow”.
      </p>
    );
  }

  const shown = Math.min(METER_MAX_DB, Math.max(METER_MIN_DB, levelDb));
  const percent = ((shown - METER_MIN_DB) / (METER_MAX_DB - METER_MIN_DB)) * 100;
  return (
    <section className="mic-check" aria-label="Microphone check">
      <p className="mic-check__device">
        Microphone: <strong>{phase.label || 'Default microphone'}</strong>
      </p>

      {devices.length > 1 && (
        <div className="field">
          <label htmlFor={pickerId}>Use another microphone</label>
          <select
            id={pickerId}
            className="select"
            value={phase.deviceId ?? ''}
            onChange={(event) => setDeviceId(event.target.value || undefined)}
          >
            {devices.map((device, index) => (
              <option key={device.deviceId || index} value={device.deviceId}>
                {device.label || `Microphone ${index + 1}`}
              </option>
            ))}
          </select>
        </div>
      )}

      <div
        className="meter"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={shown <= METER_MIN_DB ? 'silent' : `${Math.round(shown)} dBFS`}
      >
        <div
          className={`meter__bar${verdict.clipping ? ' meter__bar--clipping' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </div>

      {verdict.silent && (
        <div className="alert alert--warning" role="alert">
          <p>
            We cannot hear you. Check that the right microphone is selected and not muted, then say
            something.
          </p>
        </div>
      )}
      {verdict.clipping && (
        <div className="alert alert--warning" role="alert">
          <p>
            Your microphone is too loud: the sound is distorted. Move a little further from it, or
            turn its input volume down in your computer’s sound settings.
          </p>
        </div>
      )}
      {ok && !verdict.clipping && (
        <p className="status status--ok" role="status">
          We can hear you. Your microphone works.
        </p>
      )}
    </section>
  );
}

/** What to do when the browser refused the microphone. */
function MicBlocked({ onRetry }: { onRetry: () => void }) {
  return (
    <section className="mic-blocked" aria-labelledby="mic-blocked-heading">
      <h2 id="mic-blocked-heading">Microphone access is blocked</h2>
      <p>This study records your voice, so it needs your microphone. To allow it:</p>
      <ol>
        <li>
          Click the lock icon (or the site settings icon) at the left of the address bar, at the top
          of this window.
        </li>
        <li>
          Find <strong>Microphone</strong> and choose <strong>Allow</strong>.
        </li>
        <li>Press “Try again” below (if nothing changes, reload the page).</li>
      </ol>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}

function sameVerdict(a: SignalVerdict, b: SignalVerdict): boolean {
  return a.heard === b.heard && a.silent === b.silent && a.clipping === b.clipping;
}
