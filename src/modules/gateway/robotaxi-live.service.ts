import { ConflictException, Injectable, type OnModuleInit } from '@nestjs/common';
import type { LivePause } from '../../games/common/dashboard-events.js';
import type { Ack, SessionPhase } from '../../games/common/robotaxi-events.js';
import type { LiveState } from '../dashboard/live-overlay.js';
import { type LiveSessionHandler, LiveStatusService } from '../dashboard/live-status.service.js';
import { PlayStore } from './play-store.service.js';
import { robotaxiLiveState } from './robotaxi-live.js';
import { robotaxiSettings } from './robotaxi-study.js';
import { RunnerRegistry, RunnerUnavailable } from './runner-registry.service.js';
import type { RunnerProgress, SessionRunner } from './session-runner.js';

const refused = (ack: Ack): void => {
  if (!ack.ok) throw new ConflictException(ack.error);
};

/**
 * RoboTaxi sessions in the researchers' live view: their status from the session's runner (or,
 * when this process runs none, from the stored session: nobody is connected here then), and the
 * researcher's pause, resume and end, done by the runner (created for the purpose if needed, as
 * a join would).
 */
@Injectable()
export class RobotaxiLiveService implements LiveSessionHandler, OnModuleInit {
  constructor(
    private readonly live: LiveStatusService,
    private readonly runners: RunnerRegistry,
    private readonly store: PlayStore,
  ) {}

  onModuleInit(): void {
    this.live.register('woz-robotaxi', this);
  }

  async status(sessionId: string): Promise<LiveState | null> {
    const runner = await this.runners.peek(sessionId)?.catch(() => null);
    if (runner) return robotaxiLiveState(runner.liveInput());
    return this.stored(sessionId);
  }

  async pause(sessionId: string, message: string | null): Promise<void> {
    refused(await (await this.runner(sessionId)).researcherPause(message));
  }

  async resume(sessionId: string): Promise<void> {
    refused(await (await this.runner(sessionId)).researcherResume());
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await (await this.runner(sessionId)).abort(reason);
  }

  private runner(sessionId: string): Promise<SessionRunner> {
    return this.runners.get(sessionId).catch((error: unknown) => {
      if (error instanceof RunnerUnavailable) throw new ConflictException(error.message);
      throw error;
    });
  }

  private async stored(sessionId: string): Promise<LiveState | null> {
    const row = await this.store.stored(sessionId);
    if (!row) return null;
    const { session } = row;
    const progress = (session.progress ?? {}) as Partial<RunnerProgress>;
    const phase = (session.phase as SessionPhase | null) ?? 'lobby';
    const { rules } = robotaxiSettings(row.studyConfig);
    const episodeId = progress.episodeId ?? null;
    const last = episodeId ? await this.store.lastStep(episodeId) : null;
    const pause: LivePause | null = progress.researcherPause
      ? { reason: 'researcher', message: progress.researcherPause.message, graceEndsAtMs: null }
      : { reason: 'teacher-away', message: null, graceEndsAtMs: null };
    const member = (m: { id: string; participantId: string } | null) => ({
      id: m?.id ?? null,
      participantId: m?.participantId ?? null,
      connected: false,
    });
    return robotaxiLiveState({
      sessionId: session.id,
      studyId: session.studyId,
      status: session.status,
      phase,
      startedAt: session.startedAt,
      abortReason: session.abortReason,
      plan: progress.plan ?? null,
      shownPlan: episodeId ? (progress.plan ?? null) : null,
      episodeId,
      shownEpisodeId: episodeId,
      members: { teacher: member(row.teacher), wizard: member(row.wizard) },
      game: last ? { step: last.state.step, score: last.state.score } : null,
      rules,
      pause,
      countdownEndsAtMs: progress.countdown?.endsAtMs ?? null,
    });
  }
}
