import { describe, expect, it } from 'vitest';

import { GAME_PROFILES } from '../../../src/games/atari/games';
import { PROFILE_CHOICES, profileName } from './profiles';

describe('PROFILE_CHOICES', () => {
  it("lists the server's built-in game profiles, in order", () => {
    expect(PROFILE_CHOICES).toEqual(GAME_PROFILES.map(({ id, name }) => ({ id, name })));
  });

  it('names a profile, or shows the id of one it does not know', () => {
    expect(profileName('ms-pacman')).toBe('Ms. Pac-Man');
    expect(profileName('my-own-game')).toBe('my-own-game');
    expect(profileName(undefined)).toBe('');
  });
});
