/**
 * Browser helpers of the Atari demonstrator e2e test: a test hook that presses FIRE whenever the
 * (fake) microphone plays a beep, the page's flow steps, and reads of what was stored.
 */
import type { BrowserContext, Page } from 'playwright-core';
import pg from 'pg';
import { type FrameRecord, JOYSTICK_BITS } from '../../src/games/common/atari-frames.js';

/**
 * The beep detector: the same rule as `findOnsets` (test/support/audio.ts) applies to a stored
 * WAV (first sample at or above the threshold after 100 ms below it), run live on the mic.
 */
const DETECTOR_WORKLET = `
const THRESHOLD = 0.25;
const QUIET_MS = 100;
class FireOnBeep extends AudioWorkletProcessor {
  constructor() { super(); this.lastLoud = -Infinity; this.frame = 0; }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    const quiet = (QUIET_MS / 1000) * sampleRate;
    for (let i = 0; i < channel.length; i++) {
      if (Math.abs(channel[i]) >= THRESHOLD) {
        // The onset's sample frame on the context's clock (currentFrame: this quantum's first).
        if (this.frame + i - this.lastLoud > quiet) this.port.postMessage(currentFrame + i);
        this.lastLoud = this.frame + i;
      }
    }
    this.frame += channel.length;
    return true;
  }
}
registerProcessor('ozlab-fire-on-beep', FireOnBeep);
`;

export interface FireHookState {
  /** `performance.now()` time of each press (its event's `timeStamp`). */
  presses: number[];
  /** How long after the detection each press was dispatched (a busy main thread), ms. */
  lateMs: number[];
  errors: string[];
}

/**
 * Runs in the page before any of its scripts (a string: it is browser code): every audio stream
 * the page opens with `getUserMedia` is also fed to the beep detector (an AudioWorklet in a
 * context of its own), and each beep onset presses Space (FIRE) for 80 ms, as a participant's key
 * press reaches the page. Only the newest stream is listened to (the page may open the mic twice).
 *
 * A real key event carries the time the key went down (`timeStamp`, from the OS), however busy
 * the page's main thread is when it handles it. The hook's press is dispatched from the main
 * thread, possibly late (a page busy emulating), so it is stamped with the moment its detector
 * heard the onset instead: the render time of the onset's sample, by the same formula the
 * recorder uses for its own samples (client/src/recorder/capture-clock.ts `renderMsOf`). As for a
 * person, that is after the sound reached the microphone by the track's input latency.
 */
const FIRE_ON_BEEP_HOOK = `(() => {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const state = { presses: [], lateMs: [], errors: [] };
  window.__fireOnBeep = state;
  const original = devices.getUserMedia.bind(devices);
  const code = ${JSON.stringify(DETECTOR_WORKLET)};
  let current = null;
  const press = (ctx, onsetFrame) => {
    const now = performance.now();
    const t = onsetFrame / ctx.sampleRate;
    const ts = ctx.getOutputTimestamp ? ctx.getOutputTimestamp() : { performanceTime: 0 };
    const rendered =
      ts.performanceTime > 0
        ? ts.performanceTime + (t - ts.contextTime) * 1000 -
          ((ctx.outputLatency || 0) + ctx.baseLatency) * 1000
        : now + (t - ctx.currentTime) * 1000;
    const at = Math.min(now, rendered);
    const lateMs = now - at;
    state.presses.push(at);
    state.lateMs.push(lateMs);
    const init = { key: ' ', code: 'Space', bubbles: true, cancelable: true };
    const down = new KeyboardEvent('keydown', init);
    Object.defineProperty(down, 'timeStamp', { value: at });
    document.body.dispatchEvent(down);
    setTimeout(() => document.body.dispatchEvent(new KeyboardEvent('keyup', init)), 80);
  };
  const attach = async (stream) => {
    if (current) current.close().catch(() => undefined);
    const ctx = new AudioContext();
    current = ctx;
    const url = URL.createObjectURL(new Blob([code], { type: 'application/javascript' }));
    await ctx.audioWorklet.addModule(url);
    const node = new AudioWorkletNode(ctx, 'ozlab-fire-on-beep');
    node.port.onmessage = (event) => {
      if (current === ctx) press(ctx, event.data);
    };
    ctx.createMediaStreamSource(stream).connect(node);
    await ctx.resume();
  };
  devices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    if (constraints && constraints.audio) attach(stream).catch((e) => state.errors.push(String(e)));
    return stream;
  };
})();`;

/** Installs `FIRE_ON_BEEP_HOOK` in every page of the context. */
export async function installFireOnBeep(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: FIRE_ON_BEEP_HOOK });
}

export async function fireHookState(page: Page): Promise<FireHookState> {
  return page.evaluate<FireHookState>('window.__fireOnBeep');
}

/** Waits until the demonstrator page shows a step of its flow (`data-atari-step`). */
export function atariStep(page: Page, step: string, timeout = 60_000): Promise<unknown> {
  return page.locator(`[data-atari-step="${step}"]`).waitFor({ timeout });
}

/** Makes the page's tab look hidden or visible (as switching tabs does) and says so. */
const setHidden = (hidden: boolean) => `(() => {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true, get: () => ${hidden ? "'hidden'" : "'visible'"},
  });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
  document.dispatchEvent(new Event('visibilitychange'));
})()`;

/** The page's tab goes hidden for `ms`, then visible again. */
export async function hideTab(page: Page, ms: number): Promise<void> {
  await page.evaluate(setHidden(true));
  await page.waitForTimeout(ms);
  await page.evaluate(setHidden(false));
}

export interface StoredEpisode {
  id: string;
  index: number;
  practice: boolean;
  status: string;
  outcome: string | null;
  steps: number;
  verified: boolean | null;
  verification: { checkedHashes: number; firstDivergingFrame: number | null } | null;
  frames: FrameRecord[];
}

/** Every episode of a session with its frames in stored order (batches by first frame). */
export async function storedEpisodes(
  databaseUrl: string,
  sessionId: string,
): Promise<StoredEpisode[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const episodes = await db.query<Omit<StoredEpisode, 'frames'>>(
      `SELECT id, index, practice, status, outcome, steps, verified, verification
         FROM episodes WHERE "sessionId" = $1 ORDER BY index`,
      [sessionId],
    );
    const out: StoredEpisode[] = [];
    for (const e of episodes.rows) {
      const batches = await db.query<{ frames: FrameRecord[] }>(
        `SELECT frames FROM frame_batches WHERE "episodeId" = $1 ORDER BY "firstFrame"`,
        [e.id],
      );
      out.push({ ...e, frames: batches.rows.flatMap((b) => b.frames) });
    }
    return out;
  } finally {
    await db.end();
  }
}

/** The frames where FIRE goes down (pressed this frame, not the one before). */
export function firePresses(frames: FrameRecord[]): FrameRecord[] {
  return frames.filter(
    (f, i) =>
      (f.joystick & JOYSTICK_BITS.fire) !== 0 &&
      (i === 0 || (frames[i - 1].joystick & JOYSTICK_BITS.fire) === 0),
  );
}
