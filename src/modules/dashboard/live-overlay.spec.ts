import { describe, expect, it } from 'vitest';
import type { SpeakerLevel } from '../../games/common/dashboard-events.js';
import {
  applyOverlay,
  emptyOverlay,
  type LiveState,
  noteAudio,
  notePageLevel,
  noteUpload,
  pickLevel,
} from './live-overlay.js';

const T = '11111111-1111-4111-8111-111111111111';
const W = '22222222-2222-4222-8222-222222222222';

const state = (): LiveState => ({
  sessionId: 's',
  studyId: 'study',
  kind: 'woz-robotaxi',
  status: 'running',
  phase: 'playing',
  open: true,
  members: [
    { role: 'teacher', id: T, participantId: 'T0001', connected: true },
    { role: 'wizard', id: W, participantId: 'W0001', connected: false },
    { role: 'wizard', id: null, participantId: null, connected: false },
  ],
  round: 1,
  rounds: 2,
  practice: false,
  episodeId: 'e',
  episodeIndex: 1,
  episodeRunning: true,
  step: 4,
  stepLimit: 50,
  score: -4,
  lives: null,
  pause: null,
  countdownEndsAtMs: null,
  abortReason: null,
  startedAt: null,
  actions: { pause: true, resume: false, end: true },
});

const level = (atMs: number, source: SpeakerLevel['source']): SpeakerLevel => ({
  rmsDb: -30,
  peakDb: -10,
  atMs,
  source,
});

describe('pickLevel', () => {
  it("prefers the page's fresh level, else the newer of the two", () => {
    const page = level(10_000, 'page');
    const upload = level(10_500, 'upload');
    expect(pickLevel(page, upload, 11_000)).toBe(page);
    expect(pickLevel(page, upload, 20_000)).toBe(upload);
    expect(pickLevel(page, level(9_000, 'upload'), 20_000)).toBe(page);
    expect(pickLevel(null, upload, 11_000)).toBe(upload);
    expect(pickLevel(page, null, 99_000)).toBe(page);
    expect(pickLevel(null, null, 0)).toBeNull();
  });
});

describe('applyOverlay', () => {
  it("adds each member's level and last audio, and the session's last upload", () => {
    const overlay = emptyOverlay();
    notePageLevel(overlay, T, { rmsDb: -20, peakDb: -6 }, 1_000);
    noteAudio(overlay, W, 1_200, { rmsDb: -40, peakDb: -30 });
    noteAudio(overlay, W, 900, null); // an older one (e.g. read back from the database)
    noteUpload(overlay, 1_100);
    const update = applyOverlay(state(), overlay, 1_500);
    expect(update.members).toEqual([
      {
        role: 'teacher',
        id: T,
        participantId: 'T0001',
        connected: true,
        level: { rmsDb: -20, peakDb: -6, atMs: 1_000, source: 'page' },
        lastAudioAt: null,
      },
      {
        role: 'wizard',
        id: W,
        participantId: 'W0001',
        connected: false,
        level: { rmsDb: -40, peakDb: -30, atMs: 1_200, source: 'upload' },
        lastAudioAt: 1_200,
      },
      {
        role: 'wizard',
        id: null,
        participantId: null,
        connected: false,
        level: null,
        lastAudioAt: null,
      },
    ]);
    expect(update.lastUploadAt).toBe(1_200);
    expect(update.serverMs).toBe(1_500);
    expect(update.step).toBe(4);
  });

  it('leaves levels and uploads empty when nothing was seen', () => {
    const update = applyOverlay(state(), emptyOverlay(), 5);
    expect(update.lastUploadAt).toBeNull();
    expect(update.members.every((m) => m.level === null && m.lastAudioAt === null)).toBe(true);
  });
});
