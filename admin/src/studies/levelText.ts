/**
 * RoboTaxi levels in the study forms. The server stores a level as JSON (`LevelJson`: the grid as
 * one string per row, and the rover's start orientation); the form edits it as a draft (the grid
 * as text, one row per line, and a choice of orientation). Levels are checked with the game's own
 * `parseLevel`, so the form reports the problems the server would.
 */
import { LevelError, parseLevel } from '../../../src/games/robotaxi/maps';
import { ORIENTATIONS } from '../../../src/games/robotaxi/types';
import type { LevelJson, Orientation } from '../types';

export interface LevelDraft {
  /** The grid as typed, one row per line. */
  text: string;
  /** '' leaves the server's default (facing down). */
  orientation: Orientation | '';
  /** The level's fields the form does not edit, kept as they were. */
  others: Pick<LevelJson, 'name' | 'randomStart'>;
}

const ORIENTATION_NAMES: Record<Orientation, string> = {
  UP: 'Up',
  RIGHT: 'Right',
  DOWN: 'Down',
  LEFT: 'Left',
};

export const orientationName = (orientation: Orientation): string => ORIENTATION_NAMES[orientation];

export const ORIENTATION_CHOICES = ORIENTATIONS.map((id) => ({ id, name: ORIENTATION_NAMES[id] }));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isOrientation = (value: unknown): value is Orientation =>
  typeof value === 'string' && (ORIENTATIONS as readonly string[]).includes(value);

/** The draft of a stored level (format); no level gives an empty draft. */
export const levelToDraft = (level: unknown): LevelDraft => {
  if (!isRecord(level)) return { text: '', orientation: '', others: {} };
  const { grid, orientation, name, randomStart } = level;
  const rows = Array.isArray(grid) ? grid.filter((row) => typeof row === 'string') : [];
  return {
    text: rows.join('\n'),
    orientation: isOrientation(orientation) ? orientation : '',
    others: {
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof randomStart === 'boolean' ? { randomStart } : {}),
    },
  };
};

/**
 * The level of a draft (parse), rows exactly as typed so that the text survives the round trip
 * while the researcher types; `normalizeLevel` tidies it up before it is checked and sent.
 * An untouched draft is no level.
 */
export const draftToLevel = ({ text, orientation, others }: LevelDraft): LevelJson | null => {
  if (text === '' && orientation === '' && Object.keys(others).length === 0) return null;
  return {
    ...others,
    grid: text === '' ? [] : text.split('\n'),
    ...(orientation === '' ? {} : { orientation }),
  };
};

/**
 * The level to send: rows trimmed, blank lines around the grid dropped; undefined when no row is
 * left (the study then uses its default level). Anything that is not a grid of strings is left for
 * the server to refuse.
 */
export const normalizeLevel = (level: unknown): unknown => {
  if (!isRecord(level)) return level;
  const { grid } = level;
  if (!Array.isArray(grid) || !grid.every((row) => typeof row === 'string')) return level;
  const rows = grid.map((row) => row.trim());
  let start = 0;
  let end = rows.length;
  while (start < end && rows[start] === '') start++;
  while (end > start && rows[end - 1] === '') end--;
  if (start === end) return undefined;
  return { ...level, grid: rows.slice(start, end) };
};

/** Every problem of a level as the server words it (rows and columns count from 0); none if blank. */
export const levelProblems = (level: unknown): string[] => {
  const normalized = normalizeLevel(level);
  if (normalized === undefined || normalized === null) return [];
  try {
    parseLevel(normalized);
    return [];
  } catch (error) {
    if (error instanceof LevelError) return error.problems;
    throw error;
  }
};

export const validateLevel = (value: unknown): string | undefined => {
  const problems = levelProblems(value);
  return problems.length > 0 ? problems.join('; ') : undefined;
};

/** How a level places the rover, in words: at its R, or at random. */
export const describeStart = (level: LevelJson): string =>
  level.grid.some((row) => row.includes('R')) && level.randomStart !== true
    ? `Starts at R facing ${orientationName(level.orientation ?? 'DOWN').toLowerCase()}`
    : 'Starts on a random cell in each episode';
