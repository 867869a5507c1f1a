/**
 * The Atari replay's worker: loads 6502.ts (only here, so the dashboard's own bundle stays
 * small), re-emulates the whole episode once in the background and answers frame requests from
 * its frame store, so that the page never blocks and seeking back costs no re-emulation.
 */
import { AtariMachine } from '../../../../src/games/atari/machine';
import { EmulationJob } from './emulation';
import type { FromEmulator, ToEmulator } from './protocol';

/** Emulation runs in slices of this long, between which requests are answered. */
const SLICE_MS = 12;
const PROGRESS_EVERY_MS = 100;

const post = (message: FromEmulator, transfer: Transferable[] = []) =>
  globalThis.postMessage(message, { transfer });

let job: EmulationJob | null = null;
let pending: number | null = null;

function answer(index: number): void {
  if (!job) return;
  const { store } = job;
  const pixels = new Uint8ClampedArray(store.width * store.height * 4);
  store.decode(index, pixels);
  post({ type: 'frame', index, width: store.width, height: store.height, pixels: pixels.buffer }, [
    pixels.buffer,
  ]);
}

/** Answers the pending request once its frame exists. */
function serve(): void {
  if (job && pending !== null && pending < job.emulated) {
    const index = pending;
    pending = null;
    answer(index);
  }
}

/** Lets queued messages (frame requests) run, without setTimeout's 4 ms clamping. */
const channel = new MessageChannel();
const yieldToMessages = () =>
  new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

function progress(current: EmulationJob): void {
  post({
    type: 'progress',
    emulated: current.emulated,
    total: current.total,
    storedBytes: current.store.byteLength,
    mismatch: current.mismatch,
  });
}

async function load(message: Extract<ToEmulator, { type: 'load' }>): Promise<void> {
  const machine = await AtariMachine.create(new Uint8Array(message.rom), { seed: message.seed });
  const current = new EmulationJob(machine, message.inputs);
  job = current;
  post({ type: 'ready', width: machine.width, height: machine.height, total: current.total });
  let lastProgress = 0;
  while (!current.done && job === current) {
    current.run(SLICE_MS);
    serve();
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_EVERY_MS || current.done) {
      progress(current);
      lastProgress = now;
    }
    await yieldToMessages();
  }
}

globalThis.addEventListener('message', (event: MessageEvent<ToEmulator>) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      pending = null;
      load(message).catch((error: unknown) =>
        post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case 'frame':
      pending = message.index;
      try {
        serve();
      } catch (error) {
        post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      }
      break;
  }
});
