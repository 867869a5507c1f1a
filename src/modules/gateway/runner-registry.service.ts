import { hostname } from 'node:os';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { PlayRole, ServerToClientEvents } from '../../games/common/robotaxi-events.js';
import { AppConfig } from '../../config/app-config.js';
import { LiveStatusService } from '../dashboard/live-status.service.js';
import { serverNowMs } from '../recordings/server-clock.js';
import { VoiceService } from '../voice/voice.service.js';
import { PlayStore } from './play-store.service.js';
import { robotaxiSettings } from './robotaxi-study.js';
import { SessionRunner } from './session-runner.js';

/** How long a runner's lease on its session lasts without renewal, and how often it is renewed. */
export const RUNNER_LEASE_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
const FINISHED_KEEP_MS = 60_000;

/** Where runners send their events (the gateway's rooms). */
export interface RoomEmitter {
  emit<E extends keyof ServerToClientEvents>(
    sessionId: string,
    role: PlayRole,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
}

export class RunnerUnavailable extends Error {}

/**
 * One SessionRunner per session, never two. Inside this process a map holds them (creation is
 * serialised per session); across processes a lease in the sessions row does: a runner exists only
 * while its instance holds the lease, renewed every 5 s and lost after 15 s without renewal. The
 * instance id is `hostname:port`, so an API that restarts after a crash takes its sessions back at
 * once instead of waiting for its own old lease to expire.
 */
@Injectable()
export class RunnerRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunnerRegistry.name);
  private readonly runners = new Map<string, Promise<SessionRunner>>();
  private renewTimer: NodeJS.Timeout | null = null;
  private emitter: RoomEmitter | null = null;
  readonly instanceId: string;

  constructor(
    private readonly store: PlayStore,
    private readonly voice: VoiceService,
    private readonly live: LiveStatusService,
    config: AppConfig,
  ) {
    this.instanceId = `${hostname()}:${config.port}`;
  }

  setEmitter(emitter: RoomEmitter): void {
    this.emitter = emitter;
  }

  onApplicationBootstrap(): void {
    this.renewTimer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.renewTimer.unref();
    // Sessions that were playing when this instance (or one whose lease ran out) stopped: their
    // runners come back now so that the grace period runs even if nobody reconnects.
    void this.store
      .orphanedSessions(this.instanceId)
      .then((ids) => Promise.all(ids.map((id) => this.get(id).catch(() => undefined))))
      .catch((error: unknown) => this.logger.error(`Restoring runners failed: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    const runners = await Promise.allSettled([...this.runners.values()]);
    this.runners.clear();
    for (const result of runners) {
      if (result.status !== 'fulfilled') continue;
      await result.value.stop();
      await this.store.releaseLease(result.value.sessionId, this.instanceId).catch(() => undefined);
    }
  }

  /** The session's runner on this instance, created (or restored) on first use. */
  get(sessionId: string): Promise<SessionRunner> {
    let runner = this.runners.get(sessionId);
    if (!runner) {
      runner = this.create(sessionId);
      this.runners.set(sessionId, runner);
      runner.catch(() => this.runners.delete(sessionId));
    }
    return runner;
  }

  /** The runner if this instance has one now (researcher actions on a live session). */
  peek(sessionId: string): Promise<SessionRunner> | undefined {
    return this.runners.get(sessionId);
  }

  get size(): number {
    return this.runners.size;
  }

  private async create(sessionId: string): Promise<SessionRunner> {
    if (!(await this.store.acquireLease(sessionId, this.instanceId, RUNNER_LEASE_MS)))
      throw new RunnerUnavailable(
        'This session is running on another server; reconnect in a few seconds',
      );
    const loaded = await this.store.load(sessionId);
    if (!loaded) throw new RunnerUnavailable(`Session ${sessionId} has no teacher and wizard`);
    const logger = new Logger(SessionRunner.name);
    const ref = { sessionId, studyId: loaded.session.studyId, kind: 'woz-robotaxi' as const };
    const runner = await SessionRunner.restore(loaded, robotaxiSettings(loaded.studyConfig), {
      store: this.store,
      emitSession: (role, view) => this.emitter?.emit(sessionId, role, 'session', view),
      emitStep: (role, frame) => this.emitter?.emit(sessionId, role, 'step', frame),
      voice: (twoWay) => this.voice.settings(twoWay),
      now: serverNowMs,
      logger,
      finished: (id) => this.dropLater(id),
      statusChanged: (urgent) => this.live.changed(ref, urgent),
    });
    // A finished session's page (a reload of the thank-you page) needs its view, not a loop.
    const phase = runner.currentPhase;
    if (phase === 'complete' || phase === 'aborted') this.dropLater(sessionId);
    return runner;
  }

  /** Keeps a finished runner a little for late joins, then lets go of it and its lease. */
  private dropLater(sessionId: string): void {
    setTimeout(() => void this.drop(sessionId), FINISHED_KEEP_MS).unref();
  }

  private async drop(sessionId: string): Promise<void> {
    const runner = this.runners.get(sessionId);
    if (!runner) return;
    this.runners.delete(sessionId);
    const resolved = await runner.catch(() => null);
    await resolved?.stop();
    await this.store.releaseLease(sessionId, this.instanceId).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const ids = [...this.runners.keys()];
    if (!ids.length) return;
    try {
      const held = await this.store.renewLeases(ids, this.instanceId, RUNNER_LEASE_MS);
      for (const id of ids) {
        if (held.has(id)) continue;
        this.logger.warn(`Lost the lease of session ${id}: another instance runs it now`);
        const runner = this.runners.get(id);
        this.runners.delete(id);
        void runner?.then((r) => r.stop()).catch(() => undefined);
      }
    } catch (error) {
      this.logger.error(`Renewing runner leases failed: ${String(error)}`);
    }
  }
}
