/**
 * Recorder harness: drives the real client recorder (`client/src/recorder`) against the real API
 * for browser tests and benchmarks (see test/support/harness.ts). It behaves like a study page:
 * it logs in as the client does, records the mic into one track, resumes that track after a
 * reload, and can run a beep detector whose detections are stamped like game events.
 */
import type { ParticipantLoginResponse } from '../../../src/games/common/api';
import { saveSession } from '../../../client/src/session';
import {
  openMic,
  pageClock,
  Recorder,
  resumePendingUploads,
  serverTimeOf,
  type OpenMic,
} from '../../../client/src/recorder';
import type { HarnessApi, HarnessStatus, HarnessWindow } from './harness-api';
import detectorUrl from './detector.worklet.ts?worker&url';

/** Survives a reload of this tab: the track being recorded and its options. */
const ACTIVE_KEY = 'harness.active';

interface Active {
  trackId: string;
  detectBeeps: boolean;
  label?: string;
}

let recorder: Recorder | null = null;
let mic: OpenMic | null = null;
const keyPresses: number[] = [];
const keyPressesClientMs: number[] = [];

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function attachDetector(context: AudioContext, stream: MediaStream): Promise<void> {
  await context.audioWorklet.addModule(detectorUrl);
  const detector = new AudioWorkletNode(context, 'beep-detector');
  // The instant the detector hears an onset, stamp a "key press" exactly as a game event would be.
  detector.port.onmessage = () => {
    const now = performance.now();
    keyPresses.push(serverTimeOf(now));
    keyPressesClientMs.push(now);
  };
  context.createMediaStreamSource(stream).connect(detector);
}

async function record(active: Active): Promise<string> {
  mic = await openMic();
  recorder = await Recorder.start({
    trackId: active.trackId || undefined,
    kind: 'mic',
    label: active.label,
    source: mic.stream,
  });
  if (active.detectBeeps) await attachDetector(recorder.context, mic.stream);
  sessionStorage.setItem(ACTIVE_KEY, JSON.stringify({ ...active, trackId: recorder.trackId }));
  render();
  recorder.subscribe(render);
  return recorder.trackId;
}

function status(): HarnessStatus {
  const s = recorder?.status;
  return {
    state: s?.state ?? 'idle',
    trackId: s?.trackId ?? null,
    chunksPending: s?.chunksPending ?? 0,
    bytesPending: s?.bytesPending ?? 0,
    rejected: s?.rejected ?? 0,
    lastAckAt: s?.lastAckAt ?? null,
    recordedSeconds: s?.recordedSeconds ?? 0,
  };
}

function render(): void {
  const el = document.getElementById('status');
  if (el) el.textContent = JSON.stringify(status(), null, 2);
}

const harness: HarnessApi = {
  async login(study, participantId) {
    const login = await post<ParticipantLoginResponse>('/api/participant/login', {
      study,
      participantId,
    });
    await post('/api/participant/consent', { agree: true }, login.token);
    saveSession(login);
    await pageClock().ready;
  },
  async start({ detectBeeps = false, label }) {
    if (recorder) throw new Error('already recording');
    return record({ trackId: '', detectBeeps, label });
  },
  async stop() {
    await recorder?.stop();
  },
  async finalize() {
    if (!recorder) throw new Error('not recording');
    const view = await recorder.finalize();
    sessionStorage.removeItem(ACTIVE_KEY);
    mic?.stream.getTracks().forEach((track) => track.stop());
    return view;
  },
  status,
  resumedTrackId: null,
  keyPresses,
  keyPressesClientMs,
  clockId: () => pageClock().clockId,
  clock() {
    const clock = pageClock();
    return { offsetMs: clock.offsetMs, minRttMs: clock.minRttMs };
  },
};

(window as unknown as HarnessWindow).harness = harness;

// After a reload: upload what the previous page left, and continue its track as a new segment.
void resumePendingUploads();
const saved = sessionStorage.getItem(ACTIVE_KEY);
if (saved) {
  const active = JSON.parse(saved) as Active;
  harness.resumedTrackId = active.trackId;
  void record(active);
}
