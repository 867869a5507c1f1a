/**
 * Plays one episode: the emulator stepped on the fixed 60 Hz `FrameClock` by a drift-free
 * `setTimeout` loop (never the display's rate), the keys held sampled each frame, every frame
 * recorded (`frameRecord`) and batched into the frame outbox, the sound queued, and the latest
 * picture drawn on `requestAnimationFrame`. A hidden tab pauses it; the episode ends on the
 * game's terminal frame or when its frame budget is used up.
 */
import type { AtariMachine } from '../../../src/games/atari/machine';
import { evaluate, type GameProfile } from '../../../src/games/atari/games';
import type { FrameRecord } from '../../../src/games/common/atari-frames';
import { FrameBatcher, frameRecord, needsHash, RESET_FRAMES } from './frame-batcher';
import { FRAME_MS, FrameClock, type DueFrame } from './frame-clock';
import type { EpisodeOutcome, FrameOutbox } from './frame-outbox';
import { formatTimeLeft, type PlayPhase } from './flow-step';
import type { GameAudio } from './game-audio';
import type { JoystickKeys } from './joystick-keys';

export interface RunnerStatus {
  /** Index of the last emulated frame (-1 before the first). */
  frame: number;
  score: number;
  lives: number | null;
  /** `m:ss` of the budget left. */
  timeLeft: string;
  paused: boolean;
}

export interface EpisodeResult {
  episodeId: string;
  frames: number;
  outcome: EpisodeOutcome;
  score: number;
}

export interface EpisodeRunnerOptions {
  episodeId: string;
  machine: AtariMachine;
  profile: GameProfile;
  phase: PlayPhase;
  /** Frames this episode may run before the budget is used up. */
  framesLeft: number;
  outbox: FrameOutbox;
  keys: JoystickKeys;
  audio: GameAudio | null;
  serverTimeOf: (performanceNow: number) => number;
  /** A shown value changed (not called for every frame). */
  onStatus: (status: RunnerStatus) => void;
  /** The episode is over and its end is queued in the outbox. */
  onEnd: (result: EpisodeResult) => void;
  /** Frames could not be stored in this browser. */
  onError: (message: string) => void;
}

export class EpisodeRunner {
  private readonly options: EpisodeRunnerOptions;
  private readonly machine: AtariMachine;
  private readonly clock: FrameClock;
  private readonly batcher: FrameBatcher;
  private prevRam: Uint8Array;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The late wake-up already gave queued events their turn. */
  private yielded = false;
  private raf: number | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private image: ImageData | null = null;
  private dirty = false;
  private running = false;
  private ending = false;
  private writes: Promise<unknown> = Promise.resolve();
  private status: RunnerStatus;
  private lastFrame: FrameRecord | null = null;

  constructor(options: EpisodeRunnerOptions) {
    this.options = options;
    this.machine = options.machine;
    const first = options.machine.frameIndex;
    this.clock = new FrameClock({ firstFrame: first, serverTimeOf: options.serverTimeOf });
    this.batcher = new FrameBatcher(first);
    this.prevRam = options.machine.ram();
    this.status = {
      frame: first - 1,
      score: 0,
      lives: null,
      timeLeft: formatTimeLeft(options.framesLeft),
      paused: false,
    };
  }

  /** Draws into `canvas` (160 × 212) and keeps its `data-frame` current. */
  attachCanvas(canvas: HTMLCanvasElement): void {
    this.canvas = canvas;
    canvas.width = this.machine.width;
    canvas.height = this.machine.height;
    const context = canvas.getContext('2d');
    this.image = context?.createImageData(this.machine.width, this.machine.height) ?? null;
    this.dirty = true;
  }

  get currentStatus(): RunnerStatus {
    return this.status;
  }

  /** Starts (or restarts after `stop()`) the loop: the next frame is due now. */
  start(): void {
    if (this.running || this.ending) return;
    this.running = true;
    this.options.keys.attach();
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
    if (document.visibilityState !== 'hidden') this.clock.start(performance.now());
    this.schedule();
    this.raf = requestAnimationFrame(this.draw);
  }

  /** Stops the loop without ending the episode (the page is leaving). */
  stop(): void {
    this.running = false;
    this.clearTimer();
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
    this.options.keys.detach();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.running || this.ending) return;
    const due = this.clock.nextDue();
    if (!Number.isFinite(due)) return; // Paused, or waiting for the tab to show.
    this.timer = setTimeout(this.run, Math.max(0, due - performance.now()));
  }

  private readonly run = (): void => {
    this.timer = null;
    if (!this.running || this.ending) return;
    const now = performance.now();
    if (!this.yielded && now - this.clock.nextDue() > FRAME_MS) {
      // Woken more than a frame late (a busy page): let the events queued meanwhile (key
      // presses) run first, so that the frames caught up below see the keys of their time.
      this.yielded = true;
      this.timer = setTimeout(this.run, 0);
      return;
    }
    this.yielded = false;
    for (const due of this.clock.tick(performance.now())) {
      this.emulate(due);
      if (this.ending) return;
    }
    this.schedule();
  };

  private emulate(due: DueFrame): void {
    const { machine, options } = this;
    // The keys held at the frame's scheduled time (a late frame gets the input of its time).
    const action = options.keys.action(due.due);
    const reset = due.frame < RESET_FRAMES;
    const step = machine.step(action, { reset });
    if (step.index !== due.frame) {
      throw new Error(`The emulator is at frame ${step.index}, the clock at ${due.frame}`);
    }
    const ram = machine.ram();
    const evaluation = evaluate(options.profile, ram, this.prevRam);
    this.prevRam = ram;
    const left = options.framesLeft - (due.frame + 1);
    const gameOver = evaluation.terminal && !reset;
    const record = frameRecord({
      due,
      action: step.action,
      reset,
      evaluation,
      // The last frame of the game is hashed too: a game shorter than 60 frames is checked.
      hash: needsHash(due.frame) || left <= 0 || gameOver ? machine.frameHash() : undefined,
    });
    this.lastFrame = record;
    const batch = this.batcher.push(record);
    if (batch) this.store(batch);
    options.audio?.push(machine.audioSamples());
    this.dirty = true;
    this.canvas?.setAttribute('data-frame', String(due.frame));

    this.update({
      frame: due.frame,
      score: evaluation.score,
      lives: evaluation.lives,
      timeLeft: formatTimeLeft(left),
    });
    if (left <= 0) {
      void this.finish(options.phase === 'practice' ? 'practice-over' : 'time-up');
    } else if (gameOver) {
      void this.finish('game-over');
    }
  }

  private store(batch: FrameRecord[]): void {
    const { outbox, episodeId, onError } = this.options;
    this.writes = this.writes
      .then(() => outbox.appendBatch(episodeId, batch))
      .catch((error: unknown) => {
        onError(
          `A second of the game could not be stored in this browser (${error instanceof Error ? error.message : String(error)}).`,
        );
      });
  }

  private async finish(outcome: EpisodeOutcome): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.stop();
    this.options.audio?.reset();
    this.draw();
    const last = this.batcher.flush();
    if (last) this.store(last);
    await this.writes;
    try {
      const end = await this.options.outbox.requestEnd(this.options.episodeId, outcome);
      this.options.onEnd({
        episodeId: this.options.episodeId,
        frames: end.frames,
        outcome: end.outcome,
        score: this.lastFrame?.score ?? 0,
      });
    } catch (error) {
      this.options.onError(
        `The end of the game could not be stored in this browser (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }

  private update(patch: Partial<RunnerStatus>): void {
    const next = { ...this.status, ...patch };
    const changed =
      next.score !== this.status.score ||
      next.lives !== this.status.lives ||
      next.timeLeft !== this.status.timeLeft ||
      next.paused !== this.status.paused;
    this.status = next;
    if (changed) this.options.onStatus(next);
  }

  private readonly draw = (): void => {
    if (this.dirty && this.canvas && this.image) {
      this.machine.pixels(this.image.data);
      this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
      this.dirty = false;
    }
    if (this.running) this.raf = requestAnimationFrame(this.draw);
  };

  private readonly onVisibility = (): void => {
    const now = performance.now();
    if (document.visibilityState === 'hidden') {
      this.clock.pause(now);
      this.clearTimer();
      this.options.keys.release();
      this.options.audio?.reset();
      this.update({ paused: true });
      return;
    }
    if (!this.clock.started) this.clock.start(now);
    else this.clock.resume(now);
    this.update({ paused: false });
    this.schedule();
  };

  /** Best effort on reload/close: store the partial batch (it may or may not be written). */
  private readonly onPageHide = (): void => {
    const partial = this.batcher.flush();
    if (partial) this.store(partial);
  };

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
