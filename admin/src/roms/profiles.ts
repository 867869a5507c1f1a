/**
 * The game profiles a ROM can be bound to: the server's built-in ones (`GAME_PROFILES` in
 * `src/games/atari/games.ts`). Listed here rather than imported: that module also carries the
 * zod schema for researchers' own profiles, which would add ~90 kB to the dashboard for six names.
 * `profiles.spec.ts` fails when this list and the server's drift apart.
 */

export interface ProfileChoice {
  id: string;
  name: string;
}

export const PROFILE_CHOICES: ProfileChoice[] = [
  { id: 'space-invaders', name: 'Space Invaders' },
  { id: 'ms-pacman', name: 'Ms. Pac-Man' },
  { id: 'seaquest', name: 'Seaquest' },
  { id: 'montezuma-revenge', name: "Montezuma's Revenge" },
  { id: 'enduro', name: 'Enduro' },
  { id: 'ozlab-test', name: 'OzLab test ROM' },
];

/** A profile's name, or its id when the admin does not know it (e.g. added on the server later). */
export const profileName = (id: string | null | undefined): string =>
  PROFILE_CHOICES.find((choice) => choice.id === id)?.name ?? id ?? '';
