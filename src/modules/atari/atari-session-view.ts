/**
 * Pure parts of the demonstrator's session view (`AtariSessionView`): the settings read from a
 * study's config (with the defaults of `AtariStudyConfig` for studies saved before a setting
 * existed) and the progress made by the session's episodes.
 */
import type {
  AtariEpisodeSummary,
  AtariSettings,
  Question,
} from '../../games/common/atari-session.js';
import { AtariStudyConfig } from '../studies/study-config.js';
import { checkQuestions } from './questionnaire.js';

/** The emulator's frame rate (NTSC): frames × 1000 / 60 is milliseconds of play. */
export const FRAMES_PER_SECOND = 60;

const DEFAULTS = new AtariStudyConfig();

export interface RomInfo {
  id: string;
  md5: string;
  profileId: string;
  /** The profile's display name; null when the profile is unknown. */
  gameName: string | null;
}

const text = (config: Record<string, unknown>, key: string, fallback: string): string =>
  typeof config[key] === 'string' && config[key] !== '' ? config[key] : fallback;

const minutes = (config: Record<string, unknown>, key: string, fallback: number): number =>
  typeof config[key] === 'number' && Number.isFinite(config[key]) ? config[key] : fallback;

/**
 * The study's questionnaire as stored (checked when the study was saved), or the default one for
 * a study saved before questionnaires existed. Throws on a stored list that does not check.
 */
export function questionnaireOf(config: Record<string, unknown>): Question[] {
  if (config.questionnaire === undefined) return new AtariStudyConfig().questionnaire;
  const checked = checkQuestions(config.questionnaire, 'config.questionnaire');
  if (!checked.ok)
    throw new Error(
      `The study's stored questionnaire is invalid: ` +
        checked.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    );
  return checked.questions;
}

export function atariSettings(config: Record<string, unknown>, rom: RomInfo | null): AtariSettings {
  return {
    romId: rom?.id ?? null,
    romMd5: rom?.md5 ?? null,
    profileId: rom?.profileId ?? null,
    gameName: rom?.gameName ?? null,
    trialMinutes: minutes(config, 'trialMinutes', DEFAULTS.trialMinutes),
    sessionMinutes: minutes(config, 'sessionMinutes', DEFAULTS.sessionMinutes),
    gameInstructions: text(config, 'instructions', ''),
    sessionInstructions: text(config, 'sessionInstructions', DEFAULTS.sessionInstructions),
    micHelpText: text(config, 'micHelpText', DEFAULTS.micHelpText),
    questionnaireIntro: text(config, 'questionnaireIntro', DEFAULTS.questionnaireIntro),
    questionnaire: questionnaireOf(config),
  };
}

/** Milliseconds of play in `frames` emulated frames. */
export const framesToMs = (frames: number): number => (frames * 1000) / FRAMES_PER_SECOND;

/**
 * What the session's episodes add up to: the practice is done when the study has none or a
 * practice episode has ended; the played time counts the ended non-practice episodes.
 */
export function sessionProgress(
  episodes: readonly Pick<AtariEpisodeSummary, 'practice' | 'status' | 'frames'>[],
  trialMinutes: number,
): { practiceDone: boolean; playedMs: number; recordedEpisodes: number } {
  const ended = episodes.filter((e) => e.status !== 'running');
  const recorded = ended.filter((e) => !e.practice);
  return {
    practiceDone: trialMinutes === 0 || ended.some((e) => e.practice),
    playedMs: framesToMs(recorded.reduce((sum, e) => sum + e.frames, 0)),
    recordedEpisodes: recorded.length,
  };
}
