/**
 * Watches the level of a MediaStream through an AnalyserNode, once per animation frame. All meters
 * of the page share one AudioContext, closed when the last meter stops.
 */
import { meterLevel, rmsDb } from './voice-level';

let shared: { context: AudioContext; users: number } | null = null;

function acquireContext(): AudioContext {
  if (!shared) {
    const context = new AudioContext({ latencyHint: 'playback' });
    shared = { context, users: 0 };
    // Without a user gesture yet the context may start suspended: resume at the first one.
    if (context.state === 'suspended') {
      const resume = () => {
        document.removeEventListener('pointerdown', resume, true);
        document.removeEventListener('keydown', resume, true);
        if (context.state === 'suspended') void context.resume().catch(() => undefined);
      };
      document.addEventListener('pointerdown', resume, true);
      document.addEventListener('keydown', resume, true);
      void context.resume().catch(() => undefined);
    }
  }
  shared.users += 1;
  return shared.context;
}

function releaseContext(): void {
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  const { context } = shared;
  shared = null;
  void context.close().catch(() => undefined);
}

/** Calls `onLevel` (0..1) every animation frame until the returned function is called. */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  if (stream.getAudioTracks().length === 0) {
    onLevel(0);
    return () => undefined;
  }
  const context = acquireContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  // Some browsers only pull a graph that reaches the destination: reach it in silence.
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(analyser);
  analyser.connect(mute);
  mute.connect(context.destination);
  const samples = new Float32Array(analyser.fftSize);
  let frame = 0;
  const tick = () => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(meterLevel(rmsDb(samples)));
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(frame);
    source.disconnect();
    analyser.disconnect();
    mute.disconnect();
    releaseContext();
  };
}
