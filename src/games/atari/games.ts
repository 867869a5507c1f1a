/**
 * The built-in game profiles (score, lives and game over read from RAM), as data. The RAM
 * addresses are those of the Arcade Learning Environment (ALE), from
 * Farama-Foundation/Arcade-Learning-Environment `src/ale/games/supported/<Game>.cpp`, cited per
 * profile; the MD5s are the ROM set ALE is tested with (Farama-Foundation/AutoROM
 * `src/AutoROM.py`, CHECKSUM_MAP). ROMs themselves are never shipped: researchers upload them.
 *
 * The evaluation (`evaluate`, reward = score delta) and the JSON validation of researchers' own
 * profiles (`validateProfile`) are re-exported from profile.ts and profile-schema.ts.
 */
import { AleAction } from './actions.js';
import type { GameProfile } from './profile.js';

export * from './profile.js';
export * from './profile-schema.js';

const {
  NOOP,
  FIRE,
  UP,
  RIGHT,
  LEFT,
  DOWN,
  UPRIGHT,
  UPLEFT,
  DOWNRIGHT,
  DOWNLEFT,
  RIGHTFIRE,
  LEFTFIRE,
} = AleAction;

/**
 * SpaceInvaders.cpp: score = getDecimalScore(0xE8, 0xE6); a drop means the counter passed 9999
 * (reward = (10000 - previous) + score); lives = readRam(0xC9); terminal when bit 0x80 of
 * readRam(0x98) is set or lives == 0. Minimal actions: NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE.
 */
export const SPACE_INVADERS: GameProfile = {
  id: 'space-invaders',
  name: 'Space Invaders',
  md5: ['72ffbef6504b75e69ee1045af9075f66'],
  score: { kind: 'bcd', addresses: [0xe8, 0xe6], wrap: 10000 },
  lives: { address: 0xc9 },
  terminal: {
    anyOf: [
      [{ address: 0x98, mask: 0x80, op: 'ne', value: 0 }],
      [{ address: 0xc9, op: 'eq', value: 0 }],
    ],
  },
  actions: [NOOP, FIRE, RIGHT, LEFT, RIGHTFIRE, LEFTFIRE],
};

/**
 * MsPacman.cpp: score = getDecimalScore(0xF8, 0xF9, 0xFA); lives_byte = readRam(0xFB) & 0xF,
 * lives = (lives_byte & 0x7) + 1; terminal when lives_byte == 0 and readRam(0xA7) (death timer)
 * == 0x53. Minimal actions: NOOP and the 8 directions.
 */
export const MS_PACMAN: GameProfile = {
  id: 'ms-pacman',
  name: 'Ms. Pac-Man',
  md5: ['87e79cd41ce136fd4f72cc6e2c161bee'],
  score: { kind: 'bcd', addresses: [0xf8, 0xf9, 0xfa] },
  lives: { address: 0xfb, mask: 0x07, offset: 1 },
  terminal: {
    anyOf: [
      [
        { address: 0xfb, mask: 0x0f, op: 'eq', value: 0 },
        { address: 0xa7, op: 'eq', value: 0x53 },
      ],
    ],
  },
  actions: [NOOP, UP, RIGHT, LEFT, DOWN, UPRIGHT, UPLEFT, DOWNRIGHT, DOWNLEFT],
};

/**
 * Seaquest.cpp: score = getDecimalScore(0xBA, 0xB9, 0xB8); terminal when readRam(0xA3) != 0;
 * lives = readRam(0xBB) + 1. All 18 actions are minimal.
 */
export const SEAQUEST: GameProfile = {
  id: 'seaquest',
  name: 'Seaquest',
  md5: ['240bfbac5163af4df5ae713985386f92'],
  score: { kind: 'bcd', addresses: [0xba, 0xb9, 0xb8] },
  lives: { address: 0xbb, offset: 1 },
  terminal: { anyOf: [[{ address: 0xa3, op: 'ne', value: 0 }]] },
};

/**
 * MontezumaRevenge.cpp: score = getDecimalScore(0x95, 0x94, 0x93); lives = (readRam(0xBA) & 0x7)
 * + 1; terminal when readRam(0xBA) == 0 and readRam(0xFE) == 0x60. All 18 actions are minimal.
 */
export const MONTEZUMA_REVENGE: GameProfile = {
  id: 'montezuma-revenge',
  name: "Montezuma's Revenge",
  md5: ['3347a6dd59049b15a38394aa2dafa585'],
  score: { kind: 'bcd', addresses: [0x95, 0x94, 0x93] },
  lives: { address: 0xba, mask: 0x07, offset: 1 },
  terminal: {
    anyOf: [
      [
        { address: 0xba, op: 'eq', value: 0 },
        { address: 0xfe, op: 'eq', value: 0x60 },
      ],
    ],
  },
};

/**
 * Enduro.cpp: the score (cars passed) is the named rule `enduro` (profile.ts): level =
 * readRam(0xAD), cars left = getDecimalScore(0xAB, 0xAC); terminal when readRam(0xAF) == 0xFF;
 * no lives. Starting action FIRE. Minimal actions: NOOP, FIRE, RIGHT, LEFT, DOWN, DOWNRIGHT,
 * DOWNLEFT, RIGHTFIRE, LEFTFIRE.
 */
export const ENDURO: GameProfile = {
  id: 'enduro',
  name: 'Enduro',
  md5: ['94b92a882f6dbaa6993a46e2dcc58402'],
  score: { kind: 'rule', rule: 'enduro' },
  terminal: { anyOf: [[{ address: 0xaf, op: 'eq', value: 0xff }]] },
  actions: [NOOP, FIRE, RIGHT, LEFT, DOWN, DOWNRIGHT, DOWNLEFT, RIGHTFIRE, LEFTFIRE],
  startingActions: [FIRE],
};

/**
 * OzLab's homebrew test ROM (test/fixtures/roms/ozlab-test.asm, assembled in tests; its MD5
 * depends on the assembler, so none is pinned): score BCD at $80 (low) / $81 (high), lives =
 * fire presses left at $82, game over flag at $83. All 18 actions.
 */
export const OZLAB_TEST: GameProfile = {
  id: 'ozlab-test',
  name: 'OzLab test ROM',
  score: { kind: 'bcd', addresses: [0x80, 0x81] },
  lives: { address: 0x82 },
  terminal: { anyOf: [[{ address: 0x83, op: 'ne', value: 0 }]] },
};

export const GAME_PROFILES: readonly GameProfile[] = [
  SPACE_INVADERS,
  MS_PACMAN,
  SEAQUEST,
  MONTEZUMA_REVENGE,
  ENDURO,
  OZLAB_TEST,
];

export function profileById(id: string): GameProfile | undefined {
  return GAME_PROFILES.find((profile) => profile.id === id);
}

/** The built-in profile known to fit a ROM with this MD5 (lower- or upper-case hex). */
export function profileByMd5(md5: string): GameProfile | undefined {
  const key = md5.toLowerCase();
  return GAME_PROFILES.find((profile) => profile.md5?.includes(key) === true);
}
