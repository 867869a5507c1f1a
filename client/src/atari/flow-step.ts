/**
 * The demonstrator's flow at `/atari` (flow 4): its steps, the step a page (re)loaded on the
 * server's view resumes at, and the play budgets. Pure.
 */
import type { AtariSessionView, AtariSettings } from '../../../src/games/common/atari-session';
import { FRAME_MS } from './frame-clock';

/** `data-atari-step` of the page's root. */
export type AtariStep =
  | 'loading'
  | 'mic-check'
  | 'mic-help'
  | 'game-instructions'
  | 'practice'
  | 'session-instructions'
  | 'session'
  | 'game-over'
  | 'questionnaire'
  | 'finishing'
  | 'complete'
  | 'aborted';

/** The steps a page can resume at from the server's view (after the mic check). */
export type ResumeStep = Extract<
  AtariStep,
  | 'game-instructions'
  | 'session-instructions'
  | 'game-over'
  | 'questionnaire'
  | 'finishing'
  | 'complete'
  | 'aborted'
>;

/** Which budget a game plays against. */
export type PlayPhase = 'practice' | 'session';

const FRAMES_PER_MINUTE = 60_000 / FRAME_MS;

/** A budget of minutes as a number of emulated frames. */
export function minutesToFrames(minutes: number): number {
  return Math.max(0, Math.round(minutes * FRAMES_PER_MINUTE));
}

export function framesToMs(frames: number): number {
  return frames * FRAME_MS;
}

/** Frames of practice the study gives (0: no practice). */
export function practiceBudget(settings: AtariSettings): number {
  return minutesToFrames(settings.trialMinutes);
}

export function sessionBudget(settings: AtariSettings): number {
  return minutesToFrames(settings.sessionMinutes);
}

/** Frames of practice played in the view's episodes (running ones: the frames stored). */
export function practiceFramesPlayed(view: AtariSessionView): number {
  return view.episodes.filter((e) => e.practice).reduce((n, e) => n + e.frames, 0);
}

/** Frames of recorded play in ended episodes (the server's `playedMs`). */
export function sessionFramesPlayed(view: AtariSessionView): number {
  return Math.round(view.playedMs / FRAME_MS);
}

/** Whether the practice trial is over: the server says so, or its time is used up. */
export function practiceOver(view: AtariSessionView): boolean {
  const budget = practiceBudget(view.settings);
  return view.practiceDone || budget === 0 || practiceFramesPlayed(view) >= budget;
}

/**
 * The step a (re)loaded page shows after the mic check, from the server's view of the session.
 * Running episodes must have been ended first (a reload quits them: see `AtariPage`).
 */
export function resumeStep(view: AtariSessionView): ResumeStep {
  if (view.status === 'completed') return 'complete';
  if (view.status === 'aborted') return 'aborted';
  if (view.questionnaireAnswered) return 'finishing';
  if (sessionFramesPlayed(view) >= sessionBudget(view.settings)) return 'questionnaire';
  if (!practiceOver(view)) return 'game-instructions';
  const recorded = view.episodes.some((e) => !e.practice);
  return recorded ? 'game-over' : 'session-instructions';
}

/** What follows a game that ended, given the budget left after it. */
export function stepAfterGame(phase: PlayPhase, framesLeft: number): AtariStep {
  if (framesLeft > 0) return 'game-over';
  return phase === 'practice' ? 'session-instructions' : 'questionnaire';
}

/** `m:ss` of a number of frames (rounded up to the second: 0:00 only when nothing is left). */
export function formatTimeLeft(frames: number): string {
  const seconds = Math.max(0, Math.ceil(framesToMs(frames) / 1000 - 1e-9));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A duration in words: "6 seconds", "1 minute", "2 minutes 30 seconds" (whole seconds). */
export function durationText(frames: number): string {
  const seconds = Math.max(0, Math.round(framesToMs(frames) / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (m === 0) return unit(s, 'second');
  return s === 0 ? unit(m, 'minute') : `${unit(m, 'minute')} ${unit(s, 'second')}`;
}
