/**
 * Validation of a researcher's game profile given as JSON (see profile.ts for the meaning of each
 * field). RAM addresses and byte values may be numbers or hex strings ("0xE8"), actions numbers
 * (0-17) or ALE names ("LEFTFIRE"). Errors name the field: `score.addresses[1]: ...`.
 */
import { z } from 'zod';
import { AleAction } from './actions.js';
import { type GameProfile, RAM_COMPARISONS, SCORE_RULES } from './profile.js';

export interface ProfileFieldError {
  field: string;
  reason: string;
}

export class GameProfileError extends Error {
  constructor(readonly errors: ProfileFieldError[]) {
    super(`invalid game profile: ${errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`);
    this.name = 'GameProfileError';
  }
}

const HEX = /^0x[0-9a-f]{1,2}$/i;

/** An integer in [min, max], given as a number or a "0x.." string. */
function integerField(min: number, max: number, what: string) {
  return z.unknown().transform((value, ctx) => {
    const n = typeof value === 'string' && HEX.test(value) ? parseInt(value, 16) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `must be ${what}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  });
}

const ramAddress = integerField(
  0,
  0xff,
  'a RAM address: 0x80-0xFF as in ALE (0x00-0x7F name the same bytes), a number or "0xE8"',
);
const byteValue = integerField(0, 0xff, 'a byte 0-255 (a number or a hex string like "0x80")');

const aleAction = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 17) {
    return value;
  }
  if (typeof value === 'string' && Object.hasOwn(AleAction, value)) {
    const action: unknown = AleAction[value as keyof typeof AleAction];
    if (typeof action === 'number') return action;
  }
  ctx.addIssue({
    code: 'custom',
    message: `must be an ALE action: 0-17 or a name such as "LEFTFIRE", got ${JSON.stringify(value)}`,
  });
  return z.NEVER;
});

const ramCondition = z.strictObject({
  address: ramAddress,
  mask: byteValue.optional(),
  op: z.enum(RAM_COMPARISONS, { error: `must be one of ${RAM_COMPARISONS.join(', ')}` }),
  value: byteValue,
});

const scoreSpec = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('bcd'),
      addresses: z.array(ramAddress).min(1).max(4),
      wrap: z.number().int().positive().optional(),
    }),
    z.strictObject({
      kind: z.literal('rule'),
      rule: z.enum(SCORE_RULES, { error: `must be one of ${SCORE_RULES.join(', ')}` }),
    }),
  ],
  { error: 'must be { "kind": "bcd", "addresses": [...] } or { "kind": "rule", "rule": ... }' },
);

const profileSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes (max 64)'),
  name: z.string().trim().min(1).max(200),
  md5: z
    .array(z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex digits'))
    .transform((list) => list.map((md5) => md5.toLowerCase()))
    .optional(),
  score: scoreSpec,
  lives: z
    .strictObject({
      address: ramAddress,
      mask: byteValue.optional(),
      offset: z.number().int().min(-255).max(255).optional(),
    })
    .optional(),
  terminal: z.strictObject({
    anyOf: z.array(z.array(ramCondition).min(1)).min(1),
  }),
  actions: z.array(aleAction).min(1).max(18).optional(),
  startingActions: z.array(aleAction).max(600).optional(),
});

function fieldOf(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    field += typeof key === 'number' ? `[${key}]` : `${field === '' ? '' : '.'}${String(key)}`;
  }
  return field === '' ? '(profile)' : field;
}

/** Checks a profile given as JSON (parsed) and returns it normalised; throws GameProfileError. */
export function validateProfile(json: unknown): GameProfile {
  const result = profileSchema.safeParse(json);
  if (!result.success) {
    throw new GameProfileError(
      result.error.issues.map((issue) => ({ field: fieldOf(issue.path), reason: issue.message })),
    );
  }
  const profile: GameProfile = result.data;
  return profile;
}
