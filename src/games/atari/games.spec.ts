import { describe, expect, it } from 'vitest';
import {
  assembleTestRom,
  TEST_ROM_LIVES,
  testRomSymbols,
} from '../../../test/support/atari-rom.js';
import { AleAction } from './actions.js';
import {
  actionSet,
  aleStartInputs,
  ENDURO,
  evaluate,
  GAME_PROFILES,
  type GameProfile,
  GameProfileError,
  MONTEZUMA_REVENGE,
  MS_PACMAN,
  OZLAB_TEST,
  profileById,
  profileByMd5,
  SEAQUEST,
  SPACE_INVADERS,
  validateProfile,
} from './games.js';
import { AtariMachine } from './machine.js';

const { NOOP, FIRE, RIGHT, LEFTFIRE } = AleAction;

/** 128 bytes of RAM with the given bytes set, addressed $80-$FF as in ALE. */
function ramWith(bytes: Record<number, number>): Uint8Array {
  const ram = new Uint8Array(128);
  for (const [address, value] of Object.entries(bytes)) ram[Number(address) & 0x7f] = value;
  return ram;
}

function errorsOf(json: unknown): { field: string; reason: string }[] {
  try {
    validateProfile(json);
  } catch (error) {
    if (error instanceof GameProfileError) return error.errors;
    throw error;
  }
  throw new Error('the profile was accepted');
}

describe('the ozlab-test profile on the test ROM', () => {
  it('names the RAM that the assembly defines', () => {
    const symbols = testRomSymbols();
    expect(OZLAB_TEST.score).toStrictEqual({
      kind: 'bcd',
      addresses: [symbols.get('SCORE_LO'), symbols.get('SCORE_HI')],
    });
    expect(OZLAB_TEST.lives?.address).toBe(symbols.get('LIVES'));
    expect(OZLAB_TEST.terminal.anyOf[0][0].address).toBe(symbols.get('TERMINAL'));
    expect(symbols.get('LIVES_START')).toBe(TEST_ROM_LIVES);
  });

  it('scores fire presses (not holds), counts lives down and ends the game', async () => {
    const machine = await AtariMachine.create(assembleTestRom());
    machine.step(NOOP); // before it, RAM holds 6502.ts's random power-on bytes
    let prev = machine.ram();
    const play = (action: AleAction, frames = 1) => {
      let reward = 0;
      for (let i = 0; i < frames; i++) {
        machine.step(action);
        const ram = machine.ram();
        reward += evaluate(OZLAB_TEST, ram, prev).reward;
        prev = ram;
      }
      return { ...evaluate(OZLAB_TEST, prev), reward };
    };

    expect(play(NOOP, 5)).toStrictEqual({ score: 0, lives: 10, terminal: false, reward: 0 });
    expect(play(FIRE)).toStrictEqual({ score: 1, lives: 9, terminal: false, reward: 1 });
    expect(play(FIRE, 30)).toMatchObject({ score: 1, lives: 9, reward: 0 }); // held: one press
    expect(play(RIGHT, 2)).toMatchObject({ score: 1, reward: 0 });
    expect(play(LEFTFIRE)).toMatchObject({ score: 2, lives: 8, reward: 1 });
    for (let press = 3; press < TEST_ROM_LIVES; press++) {
      play(NOOP);
      expect(play(FIRE)).toStrictEqual({
        score: press,
        lives: 10 - press,
        terminal: false,
        reward: 1,
      });
    }
    play(NOOP);
    expect(play(FIRE)).toStrictEqual({ score: 10, lives: 0, terminal: true, reward: 1 });
    play(NOOP);
    expect(play(FIRE)).toStrictEqual({ score: 10, lives: 0, terminal: true, reward: 0 });

    machine.step(NOOP, { reset: true });
    expect(evaluate(OZLAB_TEST, machine.ram())).toStrictEqual({
      score: 0,
      lives: 10,
      terminal: false,
      reward: 0,
    });
  });

  it('counts past 99 in BCD across both score bytes', () => {
    expect(evaluate(OZLAB_TEST, ramWith({ 0x80: 0x07, 0x81: 0x01 })).score).toBe(107);
  });
});

describe('the ALE profiles (formulas of src/ale/games/supported/<Game>.cpp)', () => {
  it('Space Invaders: BCD 0xE8/0xE6, lives 0xC9, over on 0x98 & 0x80 or no lives', () => {
    const ram = ramWith({ 0xe8: 0x45, 0xe6: 0x12, 0xc9: 3 });
    expect(evaluate(SPACE_INVADERS, ram)).toStrictEqual({
      score: 1245,
      lives: 3,
      terminal: false,
      reward: 0,
    });
    expect(evaluate(SPACE_INVADERS, ramWith({ 0xc9: 3, 0x98: 0x80 })).terminal).toBe(true);
    expect(evaluate(SPACE_INVADERS, ramWith({ 0xc9: 3, 0x98: 0x7f })).terminal).toBe(false);
    expect(evaluate(SPACE_INVADERS, ramWith({ 0xc9: 0 })).terminal).toBe(true);
    const before = ramWith({ 0xe8: 0x90, 0xe6: 0x99, 0xc9: 1 }); // 9990
    const after = ramWith({ 0xe8: 0x20, 0xe6: 0x00, 0xc9: 1 }); // wrapped to 20
    expect(evaluate(SPACE_INVADERS, after, before).reward).toBe(30);
    expect(evaluate(SPACE_INVADERS, before, ramWith({ 0xe8: 0x60, 0xe6: 0x99 })).reward).toBe(30);
  });

  it('Ms. Pac-Man: BCD 0xF8/0xF9/0xFA, lives (0xFB & 7) + 1, over on 0xFB & 0xF == 0 and 0xA7 == 0x53', () => {
    expect(
      evaluate(MS_PACMAN, ramWith({ 0xf8: 0x50, 0xf9: 0x12, 0xfa: 0x01, 0xfb: 0x02 })),
    ).toStrictEqual({ score: 11250, lives: 3, terminal: false, reward: 0 });
    expect(evaluate(MS_PACMAN, ramWith({ 0xfb: 0x10, 0xa7: 0x53 }))).toMatchObject({
      lives: 1,
      terminal: true,
    });
    expect(evaluate(MS_PACMAN, ramWith({ 0xfb: 0x00, 0xa7: 0x52 })).terminal).toBe(false);
    expect(evaluate(MS_PACMAN, ramWith({ 0xfb: 0x01, 0xa7: 0x53 })).terminal).toBe(false);
  });

  it('Seaquest: BCD 0xBA/0xB9/0xB8, lives 0xBB + 1, over when 0xA3 != 0', () => {
    expect(
      evaluate(SEAQUEST, ramWith({ 0xba: 0x20, 0xb9: 0x01, 0xb8: 0x02, 0xbb: 3 })),
    ).toStrictEqual({
      score: 20120,
      lives: 4,
      terminal: false,
      reward: 0,
    });
    expect(evaluate(SEAQUEST, ramWith({ 0xa3: 1 })).terminal).toBe(true);
    const prev = ramWith({ 0xba: 0x20 });
    expect(evaluate(SEAQUEST, ramWith({ 0xba: 0x40 }), prev).reward).toBe(20);
  });

  it("Montezuma's Revenge: BCD 0x95/0x94/0x93, lives (0xBA & 7) + 1, over on 0xBA == 0 and 0xFE == 0x60", () => {
    expect(evaluate(MONTEZUMA_REVENGE, ramWith({ 0x94: 0x25, 0xba: 5 }))).toStrictEqual({
      score: 2500,
      lives: 6,
      terminal: false,
      reward: 0,
    });
    expect(evaluate(MONTEZUMA_REVENGE, ramWith({ 0xba: 0, 0xfe: 0x60 })).terminal).toBe(true);
    expect(evaluate(MONTEZUMA_REVENGE, ramWith({ 0xba: 0, 0xfe: 0x61 })).terminal).toBe(false);
    expect(evaluate(MONTEZUMA_REVENGE, ramWith({ 0xba: 1, 0xfe: 0x60 })).terminal).toBe(false);
  });

  it('Enduro: cars passed from the day (0xAD) and cars left (0xAB/0xAC), over on 0xAF == 0xFF', () => {
    expect(evaluate(ENDURO, ramWith({ 0xab: 0x50, 0xac: 0x01 }))).toStrictEqual({
      score: 0,
      lives: null,
      terminal: false,
      reward: 0,
    });
    expect(evaluate(ENDURO, ramWith({ 0xad: 1, 0xab: 0x50, 0xac: 0x01 })).score).toBe(50);
    expect(evaluate(ENDURO, ramWith({ 0xad: 2, 0xab: 0x00, 0xac: 0x03 })).score).toBe(200);
    expect(evaluate(ENDURO, ramWith({ 0xad: 3, 0xab: 0x99, 0xac: 0x02 })).score).toBe(501);
    expect(evaluate(ENDURO, ramWith({ 0xaf: 0xff })).terminal).toBe(true);
    expect(evaluate(ENDURO, ramWith({ 0xaf: 0xfe })).terminal).toBe(false);
  });

  it('uses ALE minimal action sets and starting actions', () => {
    expect(actionSet(SPACE_INVADERS)).toStrictEqual([0, 1, 3, 4, 11, 12]);
    expect(actionSet(MS_PACMAN)).toStrictEqual([0, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(actionSet(SEAQUEST)).toHaveLength(18);
    expect(actionSet(ENDURO)).toStrictEqual([0, 1, 3, 4, 5, 8, 9, 11, 12]);
    const start = aleStartInputs(ENDURO);
    expect(start).toHaveLength(60 + 8 + 1);
    expect(start.slice(0, 60).every((f) => f.action === NOOP && !f.reset)).toBe(true);
    expect(start.slice(60, 68).every((f) => f.action === NOOP && f.reset)).toBe(true);
    expect(start[68]).toStrictEqual({ action: FIRE, reset: false });
    expect(aleStartInputs(SEAQUEST)).toHaveLength(68);
  });

  it('finds profiles by id and ROM MD5', () => {
    expect(profileById('seaquest')).toBe(SEAQUEST);
    expect(profileByMd5('72FFBEF6504B75E69EE1045AF9075F66')).toBe(SPACE_INVADERS);
    expect(profileByMd5('00000000000000000000000000000000')).toBeUndefined();
    expect(new Set(GAME_PROFILES.map((p) => p.id)).size).toBe(GAME_PROFILES.length);
  });

  it('refuses RAM that is not 128 bytes', () => {
    expect(() => evaluate(SEAQUEST, new Uint8Array(64))).toThrow(RangeError);
    expect(() => evaluate(SEAQUEST, new Uint8Array(128), new Uint8Array(127))).toThrow(RangeError);
  });
});

describe('validateProfile', () => {
  it('accepts every built-in profile as JSON, unchanged', () => {
    for (const profile of GAME_PROFILES) {
      expect(validateProfile(JSON.parse(JSON.stringify(profile)))).toStrictEqual(profile);
    }
  });

  it('accepts hex strings for RAM and action names, and normalises them', () => {
    const profile = validateProfile({
      id: 'my-game',
      name: 'My game',
      md5: ['72FFBEF6504B75E69EE1045AF9075F66'],
      score: { kind: 'bcd', addresses: ['0xE8', '0xe6'] },
      lives: { address: '0xC9', mask: '0x0F' },
      terminal: { anyOf: [[{ address: '0x98', mask: '0x80', op: 'ne', value: 0 }]] },
      actions: ['NOOP', 'FIRE', 12],
    });
    expect(profile).toStrictEqual<GameProfile>({
      id: 'my-game',
      name: 'My game',
      md5: ['72ffbef6504b75e69ee1045af9075f66'],
      score: { kind: 'bcd', addresses: [0xe8, 0xe6] },
      lives: { address: 0xc9, mask: 0x0f },
      terminal: { anyOf: [[{ address: 0x98, mask: 0x80, op: 'ne', value: 0 }]] },
      actions: [NOOP, FIRE, LEFTFIRE],
    });
  });

  it('names each bad field', () => {
    const errors = errorsOf({
      id: 'Bad Id',
      name: 'x',
      score: { kind: 'bcd', addresses: ['0xE8', 300] },
      lives: { address: 0xc9, extra: 1 },
      terminal: { anyOf: [[{ address: 0x98, op: 'between', value: 0 }]] },
      actions: ['JUMP'],
    });
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'id',
        'score.addresses[1]',
        'lives',
        'terminal.anyOf[0][0].op',
        'actions[0]',
      ]),
    );
    expect(errors.find((e) => e.field === 'score.addresses[1]')?.reason).toMatch(/RAM address/);
    expect(errors.find((e) => e.field === 'actions[0]')?.reason).toMatch(/"JUMP"/);
  });

  it('requires the score and terminal specs and a known score rule', () => {
    expect(errorsOf({ id: 'g', name: 'G' }).map((e) => e.field)).toEqual(
      expect.arrayContaining(['score', 'terminal']),
    );
    const errors = errorsOf({
      id: 'g',
      name: 'G',
      score: { kind: 'rule', rule: 'pitfall' },
      terminal: { anyOf: [] },
    });
    expect(errors.map((e) => e.field)).toStrictEqual(['score.rule', 'terminal.anyOf']);
    expect(() => validateProfile(null)).toThrow(/invalid game profile: \(profile\)/);
  });
});
