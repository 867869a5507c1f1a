/**
 * Game profiles: how to read score, lives and game over from a game's RAM, as data, so that a
 * researcher can add a game as JSON (`validateProfile` in profile-schema.ts). The semantics copy
 * the Arcade Learning Environment (ALE) `RomSettings::step()` of each game:
 *
 * - addresses are written as in ALE's game files ($80-$FF) and read as ALE's `readRam` does,
 *   `ram[address & 0x7F]` (so 0x00-0x7F name the same 128 bytes);
 * - a BCD score is ALE's `getDecimalScore(lower, middle, higher)`: byte i (least significant
 *   first) adds `(10 * (byte >> 4) + (byte & 0xF)) * 100^i` (nibbles are not checked, as in ALE);
 * - reward = score - previous score (ALE's `m_reward`), with ALE's wrap-around rule where a game
 *   has one.
 *
 * Pure: no DOM, no Node APIs.
 */
import { AleAction } from './actions.js';

export interface BcdScoreSpec {
  kind: 'bcd';
  /** RAM addresses of the BCD bytes, least significant first (getDecimalScore's order). */
  addresses: number[];
  /**
   * The counter wraps to 0 at this score (ALE SpaceInvaders: 10000): when the score drops, the
   * reward is (wrap - previous) + score instead of the (negative) difference.
   */
  wrap?: number;
}

/** Scores that are not a plain counter in RAM, computed by a named rule below (Enduro). */
export const SCORE_RULES = ['enduro'] as const;
export type ScoreRule = (typeof SCORE_RULES)[number];

export interface RuleScoreSpec {
  kind: 'rule';
  rule: ScoreRule;
}

export type ScoreSpec = BcdScoreSpec | RuleScoreSpec;

/** lives = (ram[address] & mask) + offset (mask defaults to 0xFF, offset to 0). */
export interface LivesSpec {
  address: number;
  mask?: number;
  offset?: number;
}

export const RAM_COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export type RamComparison = (typeof RAM_COMPARISONS)[number];

/** Holds when `(ram[address] & mask) <op> value` (mask defaults to 0xFF). */
export interface RamCondition {
  address: number;
  mask?: number;
  op: RamComparison;
  value: number;
}

/** The game is over when every condition of any one group holds (an OR of ANDs). */
export interface TerminalSpec {
  anyOf: RamCondition[][];
}

export interface GameProfile {
  /** Stable identifier, lower case: `space-invaders`. */
  id: string;
  name: string;
  /** MD5 (lower-case hex) of the ROM dumps this profile is known to fit. */
  md5?: string[];
  score: ScoreSpec;
  lives?: LivesSpec;
  terminal: TerminalSpec;
  /** ALE's minimal action set for the game; absent = all 18 actions. */
  actions?: AleAction[];
  /** Actions ALE applies, one frame each, after the reset that starts a game (Enduro: FIRE). */
  startingActions?: AleAction[];
}

export interface GameEvaluation {
  score: number;
  /** Null when the profile has no lives. */
  lives: number | null;
  terminal: boolean;
  /** Score change since `prevRam` (0 without a previous frame). */
  reward: number;
}

function byte(ram: Uint8Array, address: number): number {
  return ram[address & 0x7f];
}

/** ALE's getDecimalScore over any number of bytes (least significant first). */
export function decimalScore(ram: Uint8Array, addresses: readonly number[]): number {
  let score = 0;
  let scale = 1;
  for (const address of addresses) {
    const value = byte(ram, address);
    score += (10 * (value >> 4) + (value & 0x0f)) * scale;
    scale *= 100;
  }
  return score;
}

/**
 * ALE Enduro (src/ale/games/supported/Enduro.cpp): the score is cars passed. $AD is the day
 * (level, 0 before the race starts); $AB/$AC (BCD, low byte first) count the cars still to pass
 * today: 200 on day 1, 300 on later days.
 */
function enduroScore(ram: Uint8Array): number {
  const level = byte(ram, 0xad);
  if (level === 0) return 0;
  const carsLeft = decimalScore(ram, [0xab, 0xac]);
  const passedToday = (level === 1 ? 200 : 300) - carsLeft;
  const earlierDays = level >= 2 ? 200 + (level - 2) * 300 : 0;
  return earlierDays + passedToday;
}

const SCORE_RULE_FUNCTIONS: Record<ScoreRule, (ram: Uint8Array) => number> = {
  enduro: enduroScore,
};

export function scoreOf(spec: ScoreSpec, ram: Uint8Array): number {
  switch (spec.kind) {
    case 'bcd':
      return decimalScore(ram, spec.addresses);
    case 'rule':
      return SCORE_RULE_FUNCTIONS[spec.rule](ram);
  }
}

export function livesOf(spec: LivesSpec, ram: Uint8Array): number {
  return (byte(ram, spec.address) & (spec.mask ?? 0xff)) + (spec.offset ?? 0);
}

export function conditionHolds(condition: RamCondition, ram: Uint8Array): boolean {
  const value = byte(ram, condition.address) & (condition.mask ?? 0xff);
  switch (condition.op) {
    case 'eq':
      return value === condition.value;
    case 'ne':
      return value !== condition.value;
    case 'lt':
      return value < condition.value;
    case 'le':
      return value <= condition.value;
    case 'gt':
      return value > condition.value;
    case 'ge':
      return value >= condition.value;
  }
}

export function isTerminal(spec: TerminalSpec, ram: Uint8Array): boolean {
  return spec.anyOf.some((group) => group.every((condition) => conditionHolds(condition, ram)));
}

/** reward = score delta, or ALE's wrap-around rule when the score dropped on a wrapping counter. */
export function rewardOf(spec: ScoreSpec, score: number, previousScore: number): number {
  const delta = score - previousScore;
  if (delta < 0 && spec.kind === 'bcd' && spec.wrap !== undefined) {
    return spec.wrap - previousScore + score;
  }
  return delta;
}

function checkRam(ram: Uint8Array, name: string): void {
  if (ram.length !== 128)
    throw new RangeError(`${name} must hold the 128 RAM bytes, got ${ram.length}`);
}

/**
 * Score, lives and game over of one frame's RAM (`AtariMachine.ram()`), and the reward since the
 * previous frame's RAM when given.
 */
export function evaluate(
  profile: GameProfile,
  ram: Uint8Array,
  prevRam?: Uint8Array,
): GameEvaluation {
  checkRam(ram, 'ram');
  const score = scoreOf(profile.score, ram);
  let reward = 0;
  if (prevRam !== undefined) {
    checkRam(prevRam, 'prevRam');
    reward = rewardOf(profile.score, score, scoreOf(profile.score, prevRam));
  }
  return {
    score,
    lives: profile.lives ? livesOf(profile.lives, ram) : null,
    terminal: isTerminal(profile.terminal, ram),
    reward,
  };
}

/** One frame of input for `AtariMachine.step(action, { reset })`. */
export interface FrameInput {
  action: AleAction;
  reset: boolean;
}

/** ALE's StellaEnvironment::reset(): 60 NOOP frames, then soft resets of 4 RESET frames each. */
export const ALE_NOOP_FRAMES = 60;
export const ALE_RESET_FRAMES = 4;

/**
 * The frames with which ALE starts a game after power-on (StellaEnvironment::reset in
 * src/ale/environment/stella_environment.cpp): 60 NOOP frames; softReset() (RESET held 4
 * frames); setMode() for the default mode; softReset() again; then the game's starting actions.
 * The game-specific SELECT presses with which some games' setMode() reaches a mode other than
 * the one after power-on are not reproduced; for the default mode the two soft resets are 8
 * consecutive RESET frames. Many games sit in attract mode until RESET is pressed.
 */
export function aleStartInputs(profile: GameProfile): FrameInput[] {
  const inputs: FrameInput[] = [];
  for (let i = 0; i < ALE_NOOP_FRAMES; i++) inputs.push({ action: AleAction.NOOP, reset: false });
  for (let i = 0; i < 2 * ALE_RESET_FRAMES; i++) {
    inputs.push({ action: AleAction.NOOP, reset: true });
  }
  for (const action of profile.startingActions ?? []) inputs.push({ action, reset: false });
  return inputs;
}

/** The actions a participant may use in this game (ALE's minimal set, else all 18). */
export function actionSet(profile: GameProfile): AleAction[] {
  return profile.actions ? [...profile.actions] : Array.from({ length: 18 }, (_, i) => i);
}
