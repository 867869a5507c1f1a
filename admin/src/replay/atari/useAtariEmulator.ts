import { useCallback, useEffect, useRef, useState } from 'react';

import type { AtariInput } from '../model';
import type { FromEmulator, ToEmulator } from './protocol';

export interface EmulatorStatus {
  emulated: number;
  total: number;
  storedBytes: number;
  /** The first frame whose re-emulated hash differs from the client's, or null. */
  mismatch: number | null;
  error: string | null;
}

export interface EmulatedFrame {
  index: number;
  image: ImageData;
}

/**
 * Runs the episode's re-emulation in a worker (created on first use: the emulator is not part of
 * the dashboard's bundle) and gives the picture of the frame last asked for.
 */
export function useAtariEmulator(
  rom: Uint8Array | null,
  seed: number,
  inputs: readonly AtariInput[],
): { status: EmulatorStatus; frame: EmulatedFrame | null; request: (index: number) => void } {
  const workerRef = useRef<Worker | null>(null);
  const [status, setStatus] = useState<EmulatorStatus>({
    emulated: 0,
    total: inputs.length,
    storedBytes: 0,
    mismatch: null,
    error: null,
  });
  const [frame, setFrame] = useState<EmulatedFrame | null>(null);
  const wanted = useRef<number | null>(null);

  useEffect(() => {
    if (!rom) return;
    const worker = new Worker(new URL('./emulator.worker.ts', import.meta.url), {
      type: 'module',
      name: 'atari-replay',
    });
    workerRef.current = worker;
    const send = (message: ToEmulator, transfer: Transferable[] = []) =>
      worker.postMessage(message, transfer);
    setFrame(null);
    setStatus({ emulated: 0, total: inputs.length, storedBytes: 0, mismatch: null, error: null });
    worker.onmessage = (event: MessageEvent<FromEmulator>) => {
      const message = event.data;
      switch (message.type) {
        case 'ready':
          if (wanted.current !== null) send({ type: 'frame', index: wanted.current });
          break;
        case 'progress':
          setStatus((s) => ({
            ...s,
            emulated: message.emulated,
            total: message.total,
            storedBytes: message.storedBytes,
            mismatch: message.mismatch,
          }));
          break;
        case 'frame':
          setFrame({
            index: message.index,
            image: new ImageData(
              new Uint8ClampedArray(message.pixels),
              message.width,
              message.height,
            ),
          });
          break;
        case 'error':
          setStatus((s) => ({ ...s, error: message.message }));
          break;
      }
    };
    worker.onerror = (event) => {
      setStatus((s) => ({ ...s, error: event.message || 'The emulator failed to start' }));
    };
    // A copy: the caller keeps its bytes (a transfer would detach them).
    const bytes = rom.slice().buffer;
    send({ type: 'load', rom: bytes, seed, inputs: [...inputs] }, [bytes]);
    if (wanted.current !== null) send({ type: 'frame', index: wanted.current });
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, [rom, seed, inputs]);

  const request = useCallback((index: number) => {
    wanted.current = index;
    workerRef.current?.postMessage({ type: 'frame', index } satisfies ToEmulator);
  }, []);

  return { status, frame, request };
}
