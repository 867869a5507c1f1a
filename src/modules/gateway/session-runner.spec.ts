import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionPhase, SessionView } from '../../games/common/robotaxi-events.js';
import { SessionEntity, SessionStatus } from '../sessions/session.entity.js';
import type { LoadedSession, PlayStore } from './play-store.service.js';
import { robotaxiSettings } from './robotaxi-study.js';
import { type RunnerPorts, type RunnerProgress, SessionRunner } from './session-runner.js';

/** The store's writes, kept in memory: the session row's phase and progress as last saved. */
function fakeStore() {
  const saved: { phase?: SessionPhase; progress?: RunnerProgress }[] = [];
  const store = {
    saveSession: (_id: string, patch: { phase?: SessionPhase; progress?: unknown }) => {
      saved.push(structuredClone(patch) as (typeof saved)[number]);
      return Promise.resolve();
    },
    episode: () => Promise.resolve(null),
    lastStep: () => Promise.resolve(null),
  };
  return { store: store as unknown as PlayStore, saved };
}

/** A session stored as paused by a researcher during a countdown (before an API restart). */
function pausedSession(): LoadedSession {
  const progress: RunnerProgress = {
    plan: { index: 0, round: 1, practice: false, seed: 11 },
    episodeId: null,
    countdown: { next: 'episode', endsAtMs: 0 },
    pausedFrom: 'countdown',
    researcherPause: { message: 'Fire drill', atMs: 1 },
    lastOutcome: null,
    feedback: { teacher: false, wizard: false },
    feedbackBoard: null,
  };
  return {
    session: Object.assign(new SessionEntity(), {
      id: 'session-1',
      studyId: 'study-1',
      status: SessionStatus.Paused,
      phase: 'paused',
      seed: 5,
      progress,
      startedAt: null,
      abortReason: null,
    }),
    studyConfig: {},
    teacher: { id: 't', participantId: 'T0001' },
    wizard: { id: 'w', participantId: 'W0001' },
  };
}

function ports(store: PlayStore, views: SessionView[] = [], urgent: boolean[] = []): RunnerPorts {
  return {
    store,
    emitSession: (_role, view) => views.push(view),
    emitStep: () => undefined,
    voice: () => ({ provider: 'webrtc', iceServers: [], twoWay: false }),
    now: () => Date.now(),
    logger: new Logger('test'),
    finished: () => undefined,
    statusChanged: (u) => urgent.push(u),
  };
}

describe('SessionRunner: a researcher pause', () => {
  let views: SessionView[];
  let urgent: boolean[];

  beforeEach(() => {
    vi.useFakeTimers();
    views = [];
    urgent = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const restore = async () => {
    const { store, saved } = fakeStore();
    const runner = await SessionRunner.restore(
      pausedSession(),
      robotaxiSettings({}),
      ports(store, views, urgent),
    );
    return { runner, saved };
  };

  it('survives a restart, and both members coming back do not resume it', async () => {
    const { runner } = await restore();
    expect(runner.liveInput().pause).toEqual({
      reason: 'researcher',
      message: 'Fire drill',
      graceEndsAtMs: null,
    });
    await runner.join('teacher', 'a');
    await runner.join('wizard', 'b');
    // No grace period runs out either.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(runner.currentPhase).toBe('paused');
    expect(views.at(-1)?.pause).toMatchObject({ reason: 'researcher', message: 'Fire drill' });
    expect(urgent.every(Boolean)).toBe(true);
    expect(await runner.researcherPause('again')).toEqual({ ok: true });
    expect(runner.liveInput().pause?.message).toBe('Fire drill');
    await runner.stop();
  });

  it('resumes where it was paused (the countdown) once the researcher says so', async () => {
    const { runner, saved } = await restore();
    await runner.join('teacher', 'a');
    await runner.join('wizard', 'b');
    expect(await runner.researcherResume()).toEqual({ ok: true });
    expect(runner.currentPhase).toBe('countdown');
    expect(saved.at(-1)).toMatchObject({ phase: 'countdown', progress: { researcherPause: null } });
    expect(await runner.researcherResume()).toEqual({
      ok: false,
      error: 'The session is not paused by a researcher',
    });
    await runner.stop();
  });

  it('waits for a member who is away, with a grace period, after the resume', async () => {
    const { runner } = await restore();
    await runner.join('teacher', 'a');
    expect(await runner.researcherResume()).toEqual({ ok: true });
    expect(runner.currentPhase).toBe('paused');
    const pause = runner.liveInput().pause;
    expect(pause).toMatchObject({ reason: 'wizard-away', message: null });
    expect(pause?.graceEndsAtMs).toBeGreaterThan(Date.now());
    await runner.stop();
  });

  it('refuses to pause a session in the lobby', async () => {
    const { store } = fakeStore();
    const loaded = pausedSession();
    Object.assign(loaded.session, {
      phase: 'lobby',
      status: SessionStatus.Waiting,
      progress: null,
    });
    const runner = await SessionRunner.restore(loaded, robotaxiSettings({}), ports(store));
    expect(await runner.researcherPause(null)).toEqual({
      ok: false,
      error: 'Nothing to pause: the session is in its lobby phase',
    });
    await runner.stop();
  });
});
