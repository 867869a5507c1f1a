/**
 * Loads the recorder worklet into an AudioContext (once per context) and creates its node.
 */
import workletUrl from './recorder.worklet.ts?worker&url';
import {
  RECORDER_PROCESSOR,
  type MainToWorklet,
  type RecorderProcessorOptions,
} from './worklet-messages';

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** `audioWorklet.addModule` for the recorder, at most once per context. */
export function loadRecorderWorklet(context: BaseAudioContext): Promise<void> {
  let promise = loaded.get(context);
  if (!promise) {
    if (!context.audioWorklet) {
      return Promise.reject(
        new Error('This browser cannot record audio here (no AudioWorklet; is the page on https?)'),
      );
    }
    promise = context.audioWorklet.addModule(workletUrl);
    promise.catch(() => loaded.delete(context)); // Allow a retry.
    loaded.set(context, promise);
  }
  return promise;
}

/**
 * A recorder node: one input (mono or stereo, averaged), no output. A node without outputs is
 * still processed (it is an "automatic pull" node in Chromium), so it need not reach the speakers.
 */
export async function createRecorderNode(
  context: BaseAudioContext,
  options: RecorderProcessorOptions,
): Promise<AudioWorkletNode> {
  await loadRecorderWorklet(context);
  return new AudioWorkletNode(context, RECORDER_PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    channelCount: 2,
    channelCountMode: 'max',
    channelInterpretation: 'speakers',
    processorOptions: options,
  });
}

export function postToWorklet(node: AudioWorkletNode, command: MainToWorklet): void {
  node.port.postMessage(command);
}

/** ≈ 50 ms of frames at `sampleRate`: the level meters' window. */
export function levelFramesFor(sampleRate: number): number {
  return Math.max(1, Math.round(sampleRate * 0.05));
}
