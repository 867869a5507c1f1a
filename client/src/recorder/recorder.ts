/**
 * `Recorder`: records one source (the mic, or any node such as the game's output) into one track.
 *
 *     const mic = await openMic();
 *     const recorder = await Recorder.start({ kind: 'mic', sessionId, source: mic.stream });
 *     recorder.subscribe(() => show(recorder.status));
 *     ...
 *     const view = await recorder.finalize(); // stop, wait for the uploads, assemble the WAV
 *
 * The worklet cuts ~1 s chunks; each is stamped with its segment, sample index, AudioContext time
 * and capture time (`capture-clock.ts`) in this page's clock domain, written to the outbox
 * (IndexedDB) and uploaded by the page's uploader. Resume after a reload with the same `trackId`
 * (or `resume: true`): the run becomes the track's next segment.
 */
import type { ChunkUploadQuery, RecordingTrackView } from '../../../src/games/common/recording';
import type { ClockSync } from './clock-sync';
import type { LevelReading } from './level-meter';
import type { Outbox, OutboxEvent } from './outbox';
import { currentIdentity, pageClock, pageOutbox, resumePendingUploads } from './page-services';
import { RecordingApi } from './recording-api';
import {
  connectRecorder,
  describeSource,
  openContext,
  resumeOnGesture,
  type RecorderGraph,
} from './recorder-graph';
import {
  RecorderError,
  type FinalizeOptions,
  type RecorderStartOptions,
  type RecorderStatus,
} from './recorder-types';
import { buildCreateRequest, claimSegment, findTrackToResume } from './track-setup';
import type { Uploader } from './uploader';
import { waitForTrackUploaded } from './upload-wait';
import { postToWorklet } from './worklet-node';
import type { ChunkMessage, WorkletToMain } from './worklet-messages';

/** The worklet answers `flush` within a render quantum or two; this is a generous bound. */
const FLUSH_TIMEOUT_MS = 2_000;

export class Recorder {
  readonly trackId: string;
  readonly segment: number;
  readonly sampleRate: number;
  readonly context: AudioContext;

  private readonly graph: RecorderGraph;
  private readonly outbox: Outbox;
  private readonly uploader: Uploader;
  private readonly api: RecordingApi;
  private readonly clock: ClockSync;
  private current: RecorderStatus;
  private readonly listeners = new Set<() => void>();
  private readonly levelListeners = new Set<(reading: LevelReading) => void>();
  private writes: Promise<void> = Promise.resolve();
  private flushed: (() => void) | null = null;
  private stopping: Promise<void> | null = null;
  private unsubscribeOutbox: () => void;
  private readonly cleanups: (() => void)[] = [];

  private constructor(args: {
    trackId: string;
    segment: number;
    graph: RecorderGraph;
    outbox: Outbox;
    uploader: Uploader;
    api: RecordingApi;
    clock: ClockSync;
    trackCreated: boolean;
  }) {
    this.trackId = args.trackId;
    this.segment = args.segment;
    this.graph = args.graph;
    this.context = args.graph.context;
    this.sampleRate = this.context.sampleRate;
    this.outbox = args.outbox;
    this.uploader = args.uploader;
    this.api = args.api;
    this.clock = args.clock;
    this.current = {
      state: 'starting',
      trackId: this.trackId,
      segment: this.segment,
      sampleRate: this.sampleRate,
      recordedSeconds: 0,
      missedSeconds: 0,
      chunksPending: 0,
      bytesPending: 0,
      trackCreated: args.trackCreated,
      lastAckAt: null,
      rejected: 0,
      audioState: this.context.state,
    };
    this.unsubscribeOutbox = this.outbox.subscribe((event) => this.onOutboxEvent(event));
  }

  /** Opens the track (new or resumed), connects the source and starts recording. */
  static async start(options: RecorderStartOptions): Promise<Recorder> {
    const who = currentIdentity();
    if (!who) throw new RecorderError('not-logged-in', 'Log in before recording.');
    let outbox: Outbox;
    let uploader: Uploader;
    try {
      [outbox, uploader] = await Promise.all([pageOutbox(), resumePendingUploads()]);
    } catch (error) {
      throw new RecorderError(
        'storage-unavailable',
        `This browser cannot keep the recording safe until it is uploaded: ${String(error)}`,
      );
    }
    const clock = pageClock();
    const api = new RecordingApi({ token: () => currentIdentity()?.token ?? null });
    const existing = await findTrackToResume(outbox, who.participantId, options);
    const trackId = existing?.trackId ?? options.trackId ?? crypto.randomUUID();

    const { context, ownsContext } = openContext(options, existing?.request.sampleRate);
    let graph: RecorderGraph | null = null;
    try {
      if (existing && existing.request.sampleRate !== context.sampleRate) {
        throw new RecorderError(
          'sample-rate-mismatch',
          `This recording is at ${existing.request.sampleRate} Hz but the audio now runs at ${context.sampleRate} Hz.`,
        );
      }
      const described = describeSource(options, context);
      const request = buildCreateRequest(options, context.sampleRate, described.info);
      const { segment, track } = await claimSegment({
        outbox,
        api,
        participantId: who.participantId,
        trackId,
        existing,
        request,
        askServer: existing !== undefined || options.trackId !== undefined,
      });

      graph = await connectRecorder({
        context,
        ownsContext,
        source: options.source,
        described,
        chunkSeconds: Math.min(5, Math.max(0.1, options.chunkSeconds ?? 1)),
      });
      const recorder = new Recorder({
        trackId,
        segment,
        graph,
        outbox,
        uploader,
        api,
        clock,
        trackCreated: track.createdOnServer,
      });
      recorder.begin();
      return recorder;
    } catch (error) {
      graph?.disconnect();
      if (ownsContext) void context.close();
      throw error;
    }
  }

  get status(): RecorderStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Level readings (~every 50 ms) of the recorded signal, for a meter. */
  onLevel(listener: (reading: LevelReading) => void): () => void {
    this.levelListeners.add(listener);
    return () => this.levelListeners.delete(listener);
  }

  /** Flushes the partial chunk and stops capturing (the page keeps its stream or node). */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  /**
   * Stops, waits until every chunk of the track has been uploaded (rejects with a RecorderError
   * 'upload-timeout' after `timeoutMs`: the chunks stay queued; call again later), then asks the
   * server to assemble the WAV and returns the track's view.
   */
  async finalize({ timeoutMs = 30_000 }: FinalizeOptions = {}): Promise<RecordingTrackView> {
    await this.stop();
    this.update({ state: 'finalizing', error: undefined });
    try {
      this.uploader.retryNow();
      await waitForTrackUploaded(this.outbox, this.trackId, timeoutMs);
      const outcome = await this.api.finalize(this.trackId);
      if (outcome.kind !== 'ok') {
        throw new RecorderError(
          'finalize-failed',
          `The server could not finish the recording: ${outcome.message}`,
          outcome.status,
        );
      }
      if (outcome.body.status === 'failed') {
        throw new RecorderError(
          'finalize-failed',
          `The server could not finish the recording: ${outcome.body.error ?? 'unknown error'}`,
        );
      }
      await this.outbox.forgetTrack(this.trackId);
      this.update({ state: 'finalized' });
      return outcome.body;
    } catch (error) {
      this.update({ state: 'error', error: errorText(error) });
      throw error;
    }
  }

  // --- Internals -------------------------------------------------------------------------------

  private begin(): void {
    const { node, context, micTrack } = this.graph;
    node.port.onmessage = (event: MessageEvent<WorkletToMain>) => this.onWorkletMessage(event.data);
    node.onprocessorerror = () => this.fail('The audio recorder stopped unexpectedly.');
    const onState = () => {
      if (context.state === 'closed' && !this.stopping) {
        this.fail('The audio system was closed.');
      }
      this.update({ audioState: context.state });
    };
    context.addEventListener('statechange', onState);
    this.cleanups.push(() => context.removeEventListener('statechange', onState));
    if (micTrack) {
      const onEnded = () => this.fail('The microphone stopped (was it unplugged?).');
      micTrack.addEventListener('ended', onEnded);
      this.cleanups.push(() => micTrack.removeEventListener('ended', onEnded));
    }
    // Best effort on reload/close: cut the partial chunk (it may or may not be stored in time).
    const onPageHide = () => postToWorklet(node, { type: 'flush', final: false });
    window.addEventListener('pagehide', onPageHide);
    this.cleanups.push(() => window.removeEventListener('pagehide', onPageHide));
    this.cleanups.push(resumeOnGesture(context));
    this.update({ state: 'recording' });
    void this.refreshCounts();
  }

  private onWorkletMessage(message: WorkletToMain): void {
    switch (message.type) {
      case 'chunk':
        this.onChunk(message);
        break;
      case 'level':
        for (const listener of this.levelListeners) listener(message);
        break;
      case 'flushed':
        this.flushed?.();
        break;
    }
  }

  private onChunk(message: ChunkMessage): void {
    // Stamp at arrival: the output timestamp is read now (see capture-clock.ts).
    const contextTime = message.startFrame / this.sampleRate;
    const { captureMs } = this.graph.captureClock.captureTimeOf(contextTime);
    const query: ChunkUploadQuery = {
      segment: this.segment,
      startSample: message.startSample,
      sampleRate: this.sampleRate,
      contextTime,
      captureMs,
      clockId: this.clock.clockId,
    };
    this.update({
      recordedSeconds: (message.startSample + message.frames) / this.sampleRate,
      missedSeconds: (message.filledFrames + message.skippedFrames) / this.sampleRate,
    });
    this.writes = this.writes.then(() =>
      this.outbox.appendChunk(this.trackId, query, message.pcm).then(
        () => undefined,
        (error: unknown) =>
          this.update({
            error: `A second of audio could not be stored in this browser (${errorText(error)}).`,
          }),
      ),
    );
  }

  private async doStop(): Promise<void> {
    const { node, context, ownsContext } = this.graph;
    if (context.state !== 'closed') {
      const flushed = new Promise<void>((resolve) => {
        this.flushed = resolve;
        setTimeout(resolve, FLUSH_TIMEOUT_MS);
      });
      postToWorklet(node, { type: 'flush', final: true });
      await flushed;
    }
    this.graph.disconnect();
    node.port.onmessage = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (ownsContext && context.state !== 'closed') await context.close();
    await this.writes;
    await this.refreshCounts();
    if (this.current.state !== 'error') this.update({ state: 'stopped' });
  }

  private fail(message: string): void {
    this.update({ error: message });
    void this.stop().then(() => this.update({ state: 'error', error: message }));
  }

  private onOutboxEvent(event: OutboxEvent): void {
    if (!('trackId' in event) || event.trackId !== this.trackId) return;
    if (event.type === 'ack') this.update({ lastAckAt: Date.now() });
    void this.refreshCounts();
  }

  private refreshing = false;
  private refreshAgain = false;

  private async refreshCounts(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        const track = await this.outbox.getTrack(this.trackId);
        if (!track) continue; // Forgotten after finalize.
        this.update({
          chunksPending: track.pendingChunks,
          bytesPending: track.pendingBytes,
          trackCreated: track.createdOnServer,
          rejected: track.rejectedChunks,
        });
        if (track.rejected && this.current.state === 'recording') {
          this.fail(`The server refused this recording: ${track.rejected.message}`);
        }
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
    }
  }

  private update(patch: Partial<RecorderStatus>): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(patch) as (keyof RecorderStatus)[]).some(
      (key) => this.current[key] !== next[key],
    );
    if (!changed) return;
    if (next.state === 'finalized') this.unsubscribeOutbox();
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
