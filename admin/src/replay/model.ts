/**
 * The replay viewer's model of a game log, whatever shape it came in (our RoboTaxi export, the
 * original Wizard-of-Oz log shape, our Atari frames export). Pure data: every time is a
 * server-clock Unix millisecond, as stored; nothing assumes a frame rate.
 */
import type { GameState } from '../../../src/games/robotaxi/types';

export enum ReplayEventKind {
  Key = 'key',
  Reward = 'reward',
  Bomb = 'bomb',
  Acorn = 'acorn',
  Delivery = 'delivery',
  EpisodeEnd = 'episode-end',
  Fire = 'fire',
  LifeLost = 'life-lost',
  GameOver = 'game-over',
  NewGame = 'new-game',
  Pause = 'pause',
}

/** Something that happened at an instant of the log, marked on the timeline. */
export interface ReplayEvent {
  ms: number;
  kind: ReplayEventKind;
  label: string;
}

/**
 * Where a track's samples go on the server clock: `serverMs(s) = interceptMs + msPerSample · s`
 * (`SampleTimeMapping`), `s` counted at `sampleRate` from the WAV's first sample.
 */
export interface TrackPlacement {
  interceptMs: number;
  msPerSample: number;
  sampleRate: number;
}

/** An audio track the log names (its audio comes from the API or from a dropped WAV). */
export interface LoggedTrack {
  id: string;
  label: string;
  /** Null when the log does not say where the track starts. */
  placement: TrackPlacement | null;
  durationS: number | null;
}

/** One RoboTaxi picture: the state shown from `ms` on (step 0: the episode's initial state). */
export interface RobotaxiFrame {
  ms: number;
  step: number;
  state: GameState;
}

export interface RobotaxiEpisode {
  /** Unique within the replay (the episode's id, or `round-N/episode-M` for the compat shape). */
  key: string;
  /** Order within the session, from 0. */
  index: number;
  round: number | null;
  practice: boolean;
  outcome: string | null;
  score: number;
  /** Ascending in `ms`; never empty. */
  frames: RobotaxiFrame[];
  /** When the last picture stops being shown. */
  endMs: number;
  events: ReplayEvent[];
}

/** What the HUD needs besides the state (the study's settings). */
export interface RobotaxiHudSettings {
  rounds: number;
  stepLimit: number;
  stepMs: number;
}

export interface RobotaxiReplay {
  kind: 'robotaxi';
  /** Where it came from, e.g. "RoboTaxi export" or "Wizard-of-Oz log". */
  source: string;
  title: string;
  sessionId: string | null;
  episodes: RobotaxiEpisode[];
  hud: RobotaxiHudSettings;
  tracks: LoggedTrack[];
}

/** What re-emulation needs of one recorded Atari frame. */
export interface AtariInput {
  action: number;
  reset: boolean;
  select: boolean;
  /** The client's frame hash after this frame, when it reported one. */
  hash?: string;
}

export interface AtariReplay {
  kind: 'atari';
  source: string;
  title: string;
  episodeId: string | null;
  /** The power-on seed the episode was played with. */
  seed: number;
  romMd5: string | null;
  game: string;
  /**
   * Imported from the earlier study's trajectory file: it started from a save state, not from
   * power-on, so re-emulating its inputs does not give its pictures.
   */
  imported: boolean;
  /** Frame i is on screen from `times[i]` (server-clock ms, made non-decreasing). */
  times: number[];
  inputs: AtariInput[];
  scores: number[];
  lives: (number | null)[];
  endMs: number;
  events: ReplayEvent[];
  tracks: LoggedTrack[];
}

export type Replay = RobotaxiReplay | AtariReplay;

/** The stretch of a replay the viewer plays: positions (steps or frames) at ascending times. */
export interface Timeline {
  startMs: number;
  endMs: number;
  /** Position i is shown from `times[i]` until `times[i + 1]`. */
  times: readonly number[];
  events: readonly ReplayEvent[];
}

/** A log we cannot read, with a message for the researcher. */
export class ReplayParseError extends Error {
  override readonly name = 'ReplayParseError';
}

/** A track the viewer plays: its audio (an object or signed URL) and where it goes. */
export interface AudioSource {
  id: string;
  label: string;
  url: string;
  placement: TrackPlacement;
  /** Known from the log or the API; else read from the audio once it is loaded. */
  durationS: number | null;
}
