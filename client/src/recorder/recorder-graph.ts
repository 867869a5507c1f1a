/**
 * The audio side of a `Recorder`: which AudioContext to record in, what the source is (and what
 * the track record should say about it), and the source → worklet connection.
 */
import type { TrackSourceInfo } from '../../../src/games/common/recording';
import { CaptureClock } from './capture-clock';
import { RecorderError, type RecorderStartOptions } from './recorder-types';
import { sourceInfo } from './track-setup';
import { createRecorderNode, levelFramesFor } from './worklet-node';

export interface RecorderGraph {
  context: AudioContext;
  /** The recorder made the context, so it closes it on stop. */
  ownsContext: boolean;
  node: AudioWorkletNode;
  /** The mic's track (null for a node source). */
  micTrack: MediaStreamTrack | null;
  captureClock: CaptureClock;
  /** Disconnects only what the recorder connected (a node source keeps its other outputs). */
  disconnect: () => void;
}

/** The context to record in: the node's own, the one given, or a new one (owned). */
export function openContext(
  options: RecorderStartOptions,
  sampleRate: number | undefined,
): { context: AudioContext; ownsContext: boolean } {
  if (!(options.source instanceof MediaStream)) {
    const context = options.source.context;
    if (!(context instanceof AudioContext)) {
      throw new RecorderError('bad-source', 'Only nodes of a live AudioContext can be recorded.');
    }
    return { context, ownsContext: false };
  }
  if (options.audioContext) return { context: options.audioContext, ownsContext: false };
  // A resumed track keeps its rate; a new one takes the output device's (never assume 48000).
  const context = new AudioContext(
    sampleRate ? { latencyHint: 'interactive', sampleRate } : { latencyHint: 'interactive' },
  );
  return { context, ownsContext: true };
}

export interface SourceDescription {
  micTrack: MediaStreamTrack | null;
  /** The track's `getSettings().latency` (0 when absent, and for a node source: no input path). */
  inputLatencyS: number;
  info: TrackSourceInfo;
}

export function describeSource(
  options: RecorderStartOptions,
  context: AudioContext,
): SourceDescription {
  const micTrack =
    options.source instanceof MediaStream ? (options.source.getAudioTracks()[0] ?? null) : null;
  if (options.source instanceof MediaStream && !micTrack) {
    throw new RecorderError('bad-source', 'The stream to record has no audio track.');
  }
  const settings = (micTrack?.getSettings() ?? {}) as MediaTrackSettings & { latency?: number };
  const inputLatencyS = micTrack ? (settings.latency ?? 0) : 0;
  const info = sourceInfo({
    deviceLabel: options.deviceLabel ?? micTrack?.label,
    echoCancellation: options.processing?.echoCancellation ?? flag(settings.echoCancellation),
    noiseSuppression: options.processing?.noiseSuppression ?? settings.noiseSuppression,
    autoGainControl: options.processing?.autoGainControl ?? settings.autoGainControl,
    inputLatencyS,
    baseLatencyS: context.baseLatency,
    outputLatencyS: context.outputLatency,
    userAgent: navigator.userAgent,
  });
  return { micTrack, inputLatencyS, info };
}

/** Loads the worklet and connects the source to it. */
export async function connectRecorder(args: {
  context: AudioContext;
  ownsContext: boolean;
  source: MediaStream | AudioNode;
  described: SourceDescription;
  chunkSeconds: number;
}): Promise<RecorderGraph> {
  const { context, source, described } = args;
  const node = await createRecorderNode(context, {
    chunkFrames: Math.round(context.sampleRate * args.chunkSeconds),
    emitChunks: true,
    levelFrames: levelFramesFor(context.sampleRate),
  });
  const input = source instanceof MediaStream ? context.createMediaStreamSource(source) : source;
  input.connect(node);
  return {
    context,
    ownsContext: args.ownsContext,
    node,
    micTrack: described.micTrack,
    captureClock: new CaptureClock(context, described.inputLatencyS),
    disconnect: () => {
      try {
        input.disconnect(node);
      } catch {
        // Already disconnected.
      }
      if (input !== source) input.disconnect();
    },
  };
}

/** A browser that blocks audio until the user interacts: resume on the first click or key. */
export function resumeOnGesture(context: AudioContext): () => void {
  const resume = () => {
    if (context.state === 'suspended') void context.resume();
  };
  resume();
  const events = ['pointerdown', 'keydown', 'touchend'] as const;
  for (const name of events) document.addEventListener(name, resume, { capture: true });
  return () => {
    for (const name of events) document.removeEventListener(name, resume, { capture: true });
  };
}

function flag(value: boolean | string | undefined): boolean | undefined {
  if (typeof value === 'string') return value !== 'none';
  return value;
}
