import type { Logger } from '@nestjs/common';
import type {
  Ack,
  JoinResult,
  KeyPayload,
  PlayRole,
  RenderedPayload,
  SessionPhase,
  SessionView,
  StepFrame,
  TeacherDebriefPayload,
  VoiceSettings,
  WizardFeedbackPayload,
} from '../../games/common/robotaxi-events.js';
import { project, step as stepGame } from '../../games/robotaxi/engine.js';
import { levelToJson } from '../../games/robotaxi/maps.js';
import {
  episodeSeed,
  episodeState,
  type EpisodePlan,
  firstEpisode,
  planAfter,
  roundLevel,
} from '../../games/robotaxi/session-plan.js';
import { Action, Cell, type EpisodeOutcome, type GameState } from '../../games/robotaxi/types.js';
import { EpisodeStatus } from '../sessions/episode.entity.js';
import { FeedbackKind } from '../sessions/feedback.entity.js';
import { SessionStatus } from '../sessions/session.entity.js';
import type { KeyPress, RenderReport } from '../sessions/step.entity.js';
import { checkDebrief, checkWizardFeedback, type FeedbackBoard } from './feedback-check.js';
import type { LoadedSession, PlayStore } from './play-store.service.js';
import type { RobotaxiLiveInput } from './robotaxi-live.js';
import type { RobotaxiSettings } from './robotaxi-study.js';

/** Where the loop stands between steps; stored in `sessions.progress` at every transition. */
export interface RunnerProgress {
  /** The current episode's plan, or the next one's while counting down or waiting. */
  plan: EpisodePlan | null;
  /** The running episode (null between episodes). */
  episodeId: string | null;
  countdown: { next: 'episode' | 'round' | 'feedback'; endsAtMs: number } | null;
  /** What the phase was when the pause began. */
  pausedFrom: 'playing' | 'countdown' | null;
  /**
   * A researcher paused the session: it waits for them, whoever is connected (a reconnect does
   * not resume it, and no grace period runs out).
   */
  researcherPause: { message: string | null; atMs: number } | null;
  lastOutcome: EpisodeOutcome | 'aborted' | null;
  feedback: { teacher: boolean; wizard: boolean };
  feedbackBoard: FeedbackBoard | null;
}

export interface RunnerPorts {
  store: PlayStore;
  emitSession(role: PlayRole, view: SessionView): void;
  emitStep(role: PlayRole, frame: StepFrame): void;
  voice(twoWay: boolean): VoiceSettings;
  now(): number;
  logger: Logger;
  /** The session ended (complete or aborted): the registry lets go of the runner. */
  finished(sessionId: string): void;
  /**
   * Something the researchers' live view shows changed: `urgent` for a phase, presence or pause
   * change, not for a step.
   */
  statusChanged(urgent: boolean): void;
}

const ROLES: readonly PlayRole[] = ['teacher', 'wizard'];
export const STATUS_OF: Record<SessionPhase, SessionStatus> = {
  lobby: SessionStatus.Waiting,
  countdown: SessionStatus.Running,
  playing: SessionStatus.Running,
  paused: SessionStatus.Paused,
  feedback: SessionStatus.Running,
  complete: SessionStatus.Completed,
  aborted: SessionStatus.Aborted,
};

interface LastStep {
  action: Action | null;
  reward: number;
}

/**
 * The server-owned game loop of one RoboTaxi session (flow 3). Every `stepMs` it takes the
 * wizard's latest key, steps the engine, persists the step, and only then emits each role's
 * projection: a participant never sees a step that is not stored. Every transition (episode start
 * and end, countdowns, pauses, feedback) is persisted in the session row, so a runner rebuilt
 * after a crash (`restore`) continues from the last stored step with the same random state.
 *
 * All work runs on one promise chain: ticks, joins, leaves and feedback never interleave.
 */
export class SessionRunner {
  readonly sessionId: string;
  private phase: SessionPhase;
  private progress: RunnerProgress;
  private state: GameState | null = null;
  private last: LastStep = { action: null, reward: 0 };
  private pause: SessionView['pause'] = null;
  private readonly sockets: Record<PlayRole, Set<string>> = {
    teacher: new Set(),
    wizard: new Set(),
  };
  private keys: KeyPress[] = [];
  private renders: RenderReport[] = [];
  private wizardRenderedMs: number | null = null;
  private stepTimer: NodeJS.Timeout | null = null;
  private phaseTimer: NodeJS.Timeout | null = null;
  private nextStepAt = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly loaded: LoadedSession,
    private readonly settings: RobotaxiSettings,
    private readonly ports: RunnerPorts,
  ) {
    this.sessionId = loaded.session.id;
    this.phase = (loaded.session.phase as SessionPhase | null) ?? 'lobby';
    const stored = loaded.session.progress as Partial<RunnerProgress> | null;
    this.progress = {
      plan: stored?.plan ?? null,
      episodeId: stored?.episodeId ?? null,
      countdown: stored?.countdown ?? null,
      pausedFrom: stored?.pausedFrom ?? null,
      researcherPause: stored?.researcherPause ?? null,
      lastOutcome: stored?.lastOutcome ?? null,
      feedback: stored?.feedback ?? { teacher: false, wizard: false },
      feedbackBoard: stored?.feedbackBoard ?? null,
    };
  }

  /** Builds the runner from the stored session, continuing a game a crash interrupted. */
  static async restore(
    loaded: LoadedSession,
    settings: RobotaxiSettings,
    ports: RunnerPorts,
  ): Promise<SessionRunner> {
    const runner = new SessionRunner(loaded, settings, ports);
    await runner.run(() => runner.recover());
    return runner;
  }

  get seed(): number {
    return this.loaded.session.seed;
  }

  get currentPhase(): SessionPhase {
    return this.phase;
  }

  get memberIds(): Record<PlayRole, string> {
    return { teacher: this.loaded.teacher.id, wizard: this.loaded.wizard.id };
  }

  isPresent(role: PlayRole): boolean {
    return this.sockets[role].size > 0;
  }

  /** A member's page joined (or re-joined). */
  join(role: PlayRole, socketId: string): Promise<JoinResult> {
    return this.run(async () => {
      this.sockets[role].add(socketId);
      await this.evaluate();
      this.ports.statusChanged(true);
      return this.joinResult(role);
    });
  }

  leave(role: PlayRole, socketId: string): Promise<void> {
    return this.run(async () => {
      if (!this.sockets[role].delete(socketId)) return;
      await this.evaluate();
      this.ports.statusChanged(true);
    });
  }

  key(role: PlayRole, payload: KeyPayload): Ack {
    if (role !== 'wizard') return { ok: false, error: 'Only the wizard drives the rover' };
    if (this.phase !== 'playing') return { ok: false, error: 'No episode is running' };
    this.keys.push({ ...payload, serverMs: this.ports.now() });
    return { ok: true };
  }

  rendered(role: PlayRole, payload: RenderedPayload): Ack {
    if (payload.episodeId !== this.progress.episodeId && payload.episodeId !== this.lastEpisodeId)
      return { ok: false, error: `episodeId: not the current episode of this session` };
    this.renders.push({ role, ...payload, serverMs: this.ports.now() });
    if (role === 'wizard') this.wizardRenderedMs = payload.clientMs;
    return { ok: true };
  }

  submitWizardFeedback(role: PlayRole, payload: WizardFeedbackPayload): Promise<Ack> {
    return this.run(async () => {
      if (role !== 'wizard') return { ok: false, error: 'This feedback is for the wizard' };
      const refused = this.feedbackRefusal('wizard');
      if (refused) return refused;
      const board = this.progress.feedbackBoard;
      const problems = board ? checkWizardFeedback(board, payload) : ['no board'];
      if (problems.length) return { ok: false, error: problems.join('; ') };
      await this.ports.store.saveFeedback({
        sessionId: this.sessionId,
        participantId: this.loaded.wizard.id,
        kind: FeedbackKind.WizardPath,
        payload: { ...payload, board },
      });
      return this.feedbackSaved('wizard');
    });
  }

  submitTeacherDebrief(role: PlayRole, payload: TeacherDebriefPayload): Promise<Ack> {
    return this.run(async () => {
      if (role !== 'teacher') return { ok: false, error: 'This debrief is for the teacher' };
      const refused = this.feedbackRefusal('teacher');
      if (refused) return refused;
      const problems = checkDebrief(this.settings.debriefQuestions, payload);
      if (problems.length) return { ok: false, error: problems.join('; ') };
      await this.ports.store.saveFeedback({
        sessionId: this.sessionId,
        participantId: this.loaded.teacher.id,
        kind: FeedbackKind.TeacherDebrief,
        payload: { answers: payload.answers, questions: this.settings.debriefQuestions },
      });
      return this.feedbackSaved('teacher');
    });
  }

  /**
   * A researcher pauses the game (playing, counting down, or waiting for a member who is away):
   * both pages are told, with the researcher's message; the session waits until they resume it.
   * Pausing a session the researcher already paused changes nothing.
   */
  researcherPause(message: string | null): Promise<Ack> {
    return this.run(async () => {
      if (this.progress.researcherPause) return { ok: true };
      if (this.phase !== 'playing' && this.phase !== 'countdown' && this.phase !== 'paused')
        return { ok: false, error: `Nothing to pause: the session is in its ${this.phase} phase` };
      this.clearTimers();
      if (this.phase !== 'paused') this.progress.pausedFrom = this.phase;
      this.progress.researcherPause = { message, atMs: this.ports.now() };
      this.pause = this.researcherPauseInfo();
      await this.enter('paused');
      return { ok: true };
    });
  }

  /**
   * Ends a researcher's pause: the game goes on if both members are connected, otherwise it waits
   * for the one who is away (with a fresh grace period) as after a drop.
   */
  researcherResume(): Promise<Ack> {
    return this.run(async () => {
      if (!this.progress.researcherPause || this.phase !== 'paused')
        return { ok: false, error: 'The session is not paused by a researcher' };
      this.progress.researcherPause = null;
      if (this.both) {
        await this.resume();
        return { ok: true };
      }
      this.pause = this.pauseInfo(this.ports.now() + this.settings.disconnectGraceMs);
      await this.enter('paused');
      this.startGrace();
      return { ok: true };
    });
  }

  /** What the researchers' live view shows of this session (see `robotaxi-live.ts`). */
  liveInput(): RobotaxiLiveInput {
    const member = (role: PlayRole) => ({
      id: this.loaded[role].id,
      participantId: this.loaded[role].participantId,
      connected: this.isPresent(role),
    });
    const { session } = this.loaded;
    return {
      sessionId: this.sessionId,
      studyId: session.studyId,
      status: STATUS_OF[this.phase],
      phase: this.phase,
      startedAt: session.startedAt,
      abortReason: session.abortReason,
      plan: this.progress.plan,
      shownPlan: this.episodePlan,
      episodeId: this.progress.episodeId,
      shownEpisodeId: this.lastEpisodeId,
      members: { teacher: member('teacher'), wizard: member('wizard') },
      game: this.state ? { step: this.state.step, score: this.state.score } : null,
      rules: {
        rounds: this.settings.rules.rounds,
        stepLimit: this.settings.rules.stepLimit,
        practiceRound: this.settings.rules.practiceRound,
      },
      pause: this.phase === 'paused' ? this.pause : null,
      countdownEndsAtMs: this.progress.countdown?.endsAtMs ?? null,
    };
  }

  /** A researcher ended the session. */
  abort(reason: string): Promise<void> {
    return this.run(async () => {
      if (this.phase === 'complete' || this.phase === 'aborted') return;
      this.clearTimers();
      await this.abortEpisode();
      this.progress.researcherPause = null;
      this.loaded.session.abortReason = reason;
      await this.enter('aborted', { endedAt: new Date(), abortReason: reason });
      this.ports.finished(this.sessionId);
    });
  }

  /** Stops the timers (shutdown or a lost lease); the stored state stays for the next runner. */
  stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    return this.chain.then(
      () => undefined,
      () => undefined,
    );
  }

  // -------------------------------------------------------------------------------------------

  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch((error: unknown) =>
      this.ports.logger.error(
        `Session ${this.sessionId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    );
    return next;
  }

  private get both(): boolean {
    return this.isPresent('teacher') && this.isPresent('wizard');
  }

  private lastEpisodeId: string | null = null;
  /** The plan of the episode whose state is shown (the progress's plan may already be the next). */
  private episodePlan: EpisodePlan | null = null;

  private async recover(): Promise<void> {
    const { episodeId } = this.progress;
    if (episodeId) {
      const episode = await this.ports.store.episode(episodeId);
      const lastStep = await this.ports.store.lastStep(episodeId);
      this.state =
        lastStep?.state ?? (episode?.initialState as GameState | null | undefined) ?? null;
      this.lastEpisodeId = episodeId;
      this.episodePlan = this.progress.plan;
    }
    if (this.phase === 'playing' || this.phase === 'countdown') {
      // Nobody is connected to a runner that was just built: wait for them as after a drop.
      await this.pauseFrom(this.phase);
    } else if (this.phase === 'paused' && this.progress.researcherPause) {
      // Paused by a researcher before the restart: it still waits for them.
      this.pause = this.researcherPauseInfo();
    } else if (this.phase === 'paused') {
      this.startGrace();
    }
  }

  private async evaluate(): Promise<void> {
    switch (this.phase) {
      case 'lobby':
        if (this.both) {
          const plan = this.progress.plan ?? firstEpisode(this.settings.rules, this.seed);
          await this.countdown(plan, 'episode', this.settings.rules.bombCountdownMs);
          return;
        }
        break;
      case 'countdown':
      case 'playing':
        if (!this.both) {
          await this.pauseFrom(this.phase);
          return;
        }
        break;
      case 'paused':
        // A researcher's pause waits for the researcher, whoever comes and goes.
        if (this.progress.researcherPause) break;
        if (this.both) {
          await this.resume();
          return;
        }
        this.pause = this.pauseInfo(this.pause?.graceEndsAtMs ?? this.ports.now());
        break;
      case 'feedback':
      case 'complete':
      case 'aborted':
        break;
    }
    this.emitViews();
  }

  private async countdown(
    plan: EpisodePlan | null,
    next: 'episode' | 'round' | 'feedback',
    ms: number,
  ): Promise<void> {
    this.clearTimers();
    this.progress.plan = plan ?? this.progress.plan;
    this.progress.countdown = { next, endsAtMs: this.ports.now() + ms };
    await this.enter('countdown');
    this.phaseTimer = setTimeout(() => void this.run(() => this.countdownDone()), ms);
  }

  private async countdownDone(): Promise<void> {
    if (this.phase !== 'countdown' || this.stopped) return;
    if (this.progress.countdown?.next === 'feedback') return this.enterFeedback();
    if (!this.both) return this.pauseFrom('countdown');
    const plan = this.progress.plan ?? firstEpisode(this.settings.rules, this.seed);
    await this.startEpisode(plan);
  }

  private async startEpisode(plan: EpisodePlan): Promise<void> {
    const { rules } = this.settings;
    const level = roundLevel(rules, this.seed, plan);
    const initial = episodeState(rules, this.seed, plan);
    const episode = await this.ports.store.createEpisode({
      sessionId: this.sessionId,
      studyId: this.loaded.session.studyId,
      index: plan.index,
      round: plan.round,
      practice: plan.practice,
      seed: plan.seed,
      level: levelToJson(level),
      initialState: initial,
      startedAt: new Date(),
    });
    const resumed = await this.ports.store.lastStep(episode.id);
    this.state = resumed?.state ?? initial;
    this.last = { action: null, reward: 0 };
    this.keys = [];
    this.renders = [];
    this.progress.plan = plan;
    this.episodePlan = plan;
    this.progress.episodeId = episode.id;
    this.lastEpisodeId = episode.id;
    this.progress.countdown = null;
    await this.enter('playing', this.loaded.session.startedAt ? {} : { startedAt: new Date() });
    this.emitFrames();
    this.nextStepAt = this.ports.now() + this.settings.stepMs;
    this.scheduleTick();
  }

  private scheduleTick(): void {
    if (this.stopped) return;
    const delay = Math.max(0, this.nextStepAt - this.ports.now());
    this.stepTimer = setTimeout(() => void this.run(() => this.tick()), delay);
  }

  private async tick(): Promise<void> {
    this.stepTimer = null;
    const episodeId = this.progress.episodeId;
    if (this.phase !== 'playing' || !this.state || !episodeId || this.stopped) return;
    const keys = this.keys.splice(0);
    const renders = this.renders.splice(0);
    const action = keys.length ? (keys[keys.length - 1].action as Action) : Action.NOP;
    const result = stepGame(this.state, action, this.settings.rules);
    const serverMs = this.ports.now();
    try {
      await this.ports.store.insertStep({
        episodeId,
        index: result.state.step,
        sessionId: this.sessionId,
        action,
        reward: result.reward,
        done: result.done,
        outcome: result.info.outcome,
        state: result.state,
        info: result.info,
        keypresses: keys,
        renders,
        renderedMs: this.wizardRenderedMs,
        serverMs,
      });
    } catch (error) {
      // Not stored, so not shown: the same inputs are tried again at the next tick.
      this.ports.logger.error(
        `Session ${this.sessionId}: step ${result.state.step} not stored, retrying: ${String(error)}`,
      );
      this.keys.unshift(...keys);
      this.renders.unshift(...renders);
      this.nextStepAt = this.ports.now() + this.settings.stepMs;
      this.scheduleTick();
      return;
    }
    this.state = result.state;
    this.last = { action, reward: result.reward };
    this.emitFrames();
    this.ports.statusChanged(false);
    if (result.done) return this.endEpisode(result.info.outcome ?? 'step-limit');
    this.nextStepAt += this.settings.stepMs;
    const now = this.ports.now();
    if (this.nextStepAt < now) this.nextStepAt = now; // far behind (a stalled database): no burst
    this.scheduleTick();
  }

  private async endEpisode(outcome: EpisodeOutcome): Promise<void> {
    const plan = this.progress.plan;
    const state = this.state;
    if (!plan || !state || !this.progress.episodeId) return;
    await this.ports.store.endEpisode(this.progress.episodeId, {
      status: EpisodeStatus.Completed,
      outcome,
      steps: state.step,
      score: state.score,
    });
    this.progress.lastOutcome = outcome;
    this.progress.episodeId = null;
    const next = planAfter(plan, outcome, this.settings.rules, this.seed);
    if (next.next === 'feedback') {
      this.progress.feedbackBoard = this.feedbackBoard(plan);
      if (next.countdownMs > 0) return this.countdown(null, 'feedback', next.countdownMs);
      return this.enterFeedback();
    }
    await this.countdown(next.plan, next.next, next.countdownMs);
  }

  private feedbackBoard(plan: EpisodePlan): FeedbackBoard {
    const level = roundLevel(this.settings.rules, this.seed, plan);
    const start = episodeState(this.settings.rules, this.seed, plan).rover;
    const walls = [];
    for (let y = 0; y < level.rows; y++)
      for (let x = 0; x < level.cols; x++) if (level.map[y][x] === Cell.Wall) walls.push({ x, y });
    return { rows: level.rows, cols: level.cols, walls, start: { x: start.x, y: start.y } };
  }

  private async enterFeedback(): Promise<void> {
    this.clearTimers();
    this.progress.countdown = null;
    if (!this.progress.feedbackBoard && this.progress.plan)
      this.progress.feedbackBoard = this.feedbackBoard(this.progress.plan);
    await this.enter('feedback');
  }

  private feedbackRefusal(role: PlayRole): Ack | null {
    if (this.phase !== 'feedback')
      return { ok: false, error: 'Feedback is given after the last round' };
    if (this.progress.feedback[role])
      return { ok: false, error: 'Your feedback for this session is already saved' };
    return null;
  }

  private async feedbackSaved(role: PlayRole): Promise<Ack> {
    this.progress.feedback[role] = true;
    if (this.progress.feedback.teacher && this.progress.feedback.wizard) {
      await this.enter('complete', { endedAt: new Date() });
      this.ports.finished(this.sessionId);
    } else {
      await this.enter('feedback');
    }
    return { ok: true };
  }

  private pauseInfo(graceEndsAtMs: number): NonNullable<SessionView['pause']> {
    return {
      reason: this.isPresent('teacher') ? 'wizard-away' : 'teacher-away',
      graceEndsAtMs,
      message: null,
    };
  }

  private researcherPauseInfo(): NonNullable<SessionView['pause']> {
    return {
      reason: 'researcher',
      graceEndsAtMs: null,
      message: this.progress.researcherPause?.message ?? null,
    };
  }

  private async pauseFrom(from: 'playing' | 'countdown'): Promise<void> {
    this.clearTimers();
    this.progress.pausedFrom = from;
    this.pause = this.pauseInfo(this.ports.now() + this.settings.disconnectGraceMs);
    await this.enter('paused');
    this.startGrace();
  }

  private startGrace(): void {
    if (this.progress.researcherPause) return;
    const endsAt = this.pause?.graceEndsAtMs ?? this.ports.now() + this.settings.disconnectGraceMs;
    this.pause = this.pauseInfo(endsAt);
    if (this.phaseTimer) clearTimeout(this.phaseTimer);
    this.phaseTimer = setTimeout(
      () => void this.run(() => this.graceExpired()),
      Math.max(0, endsAt - this.ports.now()),
    );
  }

  private async resume(): Promise<void> {
    this.clearTimers();
    this.pause = null;
    const from = this.progress.pausedFrom;
    this.progress.pausedFrom = null;
    if (from === 'playing' && this.state && !this.state.done && this.progress.episodeId) {
      await this.enter('playing');
      this.emitFrames();
      this.nextStepAt = this.ports.now() + this.settings.stepMs;
      this.scheduleTick();
      return;
    }
    const next = this.progress.countdown?.next ?? 'episode';
    const ms =
      next === 'round' ? this.settings.rules.roundCountdownMs : this.settings.rules.bombCountdownMs;
    await this.countdown(this.progress.plan, next, ms);
  }

  /** Nobody came back in time: the running episode ends as aborted; the next waits for both. */
  private async graceExpired(): Promise<void> {
    if (this.phase !== 'paused' || this.stopped || this.progress.researcherPause) return;
    const reason = this.pause?.reason ?? 'wizard-away';
    await this.abortEpisode();
    this.pause = null;
    this.progress.pausedFrom = null;
    this.progress.countdown = null;
    this.ports.logger.warn(`Session ${this.sessionId}: ${reason} past the grace period`);
    await this.enter('lobby');
  }

  private async abortEpisode(): Promise<void> {
    const { episodeId, plan } = this.progress;
    if (!episodeId || !plan) return;
    await this.ports.store.endEpisode(episodeId, {
      status: EpisodeStatus.Aborted,
      outcome: 'disconnect',
      steps: this.state?.step ?? 0,
      score: this.state?.score ?? 0,
    });
    this.progress.lastOutcome = 'aborted';
    this.progress.episodeId = null;
    const index = plan.index + 1;
    this.progress.plan = { ...plan, index, seed: episodeSeed(this.seed, index) };
  }

  private async enter(
    phase: SessionPhase,
    extra: { startedAt?: Date; endedAt?: Date; abortReason?: string } = {},
  ): Promise<void> {
    this.phase = phase;
    if (phase !== 'paused') this.pause = null;
    await this.ports.store.saveSession(this.sessionId, {
      phase,
      status: STATUS_OF[phase],
      progress: this.progress as unknown as Record<string, unknown>,
      ...extra,
    });
    if (extra.startedAt) this.loaded.session.startedAt = extra.startedAt;
    this.emitViews();
    this.ports.statusChanged(true);
  }

  private clearTimers(): void {
    if (this.stepTimer) clearTimeout(this.stepTimer);
    if (this.phaseTimer) clearTimeout(this.phaseTimer);
    this.stepTimer = null;
    this.phaseTimer = null;
  }

  // ---------------------------------------------------------------- views

  private emitViews(): void {
    for (const role of ROLES) this.ports.emitSession(role, this.view(role));
  }

  private emitFrames(): void {
    for (const role of ROLES) {
      const frame = this.frame(role);
      if (frame) this.ports.emitStep(role, frame);
    }
  }

  private joinResult(role: PlayRole): JoinResult {
    return {
      session: this.view(role),
      frame: this.frame(role),
      feedbackBoard:
        role === 'wizard' && this.phase === 'feedback' ? this.progress.feedbackBoard : null,
    };
  }

  view(role: PlayRole): SessionView {
    const { settings, progress } = this;
    const partner: PlayRole = role === 'teacher' ? 'wizard' : 'teacher';
    const plan = progress.plan;
    const outcome = progress.lastOutcome === 'aborted' ? null : progress.lastOutcome;
    return {
      sessionId: this.sessionId,
      role,
      participantId: this.loaded[role].participantId,
      phase: this.phase,
      partnerPresent: this.isPresent(partner),
      round: plan?.round ?? 0,
      rounds: settings.rules.rounds,
      practice: plan?.practice ?? settings.rules.practiceRound,
      episodeId: progress.episodeId ?? this.lastEpisodeId,
      episodeIndex: plan?.index ?? 0,
      stepMs: settings.stepMs,
      stepLimit: settings.rules.stepLimit,
      lastOutcome: outcome,
      countdown: this.phase === 'countdown' ? progress.countdown : null,
      pause: this.phase === 'paused' ? this.pause : null,
      abortReason: this.phase === 'aborted' ? (this.loaded.session.abortReason ?? null) : null,
      feedbackDone: progress.feedback[role],
      completion:
        this.phase === 'complete'
          ? { code: settings.completionCode, redirectUrl: settings.completionRedirectUrl }
          : null,
      voice: this.ports.voice(settings.twoWayVoice),
      rewards: role === 'teacher' ? settings.rewards : null,
      debriefQuestions: role === 'teacher' ? settings.debriefQuestions : [],
      serverMs: this.ports.now(),
    };
  }

  private frame(role: PlayRole): StepFrame | null {
    const state = this.state;
    const plan = this.episodePlan;
    const episodeId = this.lastEpisodeId;
    if (!state || !plan || !episodeId) return null;
    const { stepLimit } = this.settings.rules;
    const stepsLeft = Math.max(0, stepLimit - state.step);
    return {
      sessionId: this.sessionId,
      episodeId,
      episodeIndex: plan.index,
      round: plan.round,
      practice: plan.practice,
      step: state.step,
      action: role === 'wizard' ? this.last.action : null,
      reward: this.last.reward,
      done: state.done,
      outcome: state.outcome,
      view: project(state, role),
      hud: {
        round: plan.round,
        rounds: this.settings.rules.rounds,
        practice: plan.practice,
        stepsLeft,
        secondsLeft: Math.round((stepsLeft * this.settings.stepMs) / 100) / 10,
      },
      serverMs: this.ports.now(),
    };
  }
}
