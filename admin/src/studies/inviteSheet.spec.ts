import { describe, expect, it } from 'vitest';

import type { Participant } from '../types';
import { inviteCards, inviteCardsTsv, inviteSheetPath } from './inviteSheet';

const participant = (
  participantId: string,
  status: Participant['status'],
  inviteUrl: string | null = `http://x/?invite=${participantId}`,
): Participant => ({
  id: `id-${participantId}`,
  studyId: 's',
  participantId,
  role: participantId.startsWith('T') ? 'teacher' : 'wizard',
  status,
  externalId: null,
  accessCode: participantId === 'W0001' ? 'ABC234' : null,
  inviteUrl,
  consentedAt: null,
  lastLoginAt: null,
  createdAt: '2026-11-22T00:00:00Z',
});

const all = [
  participant('W0002', 'registered'),
  participant('T0002', 'completed'),
  participant('T0001', 'active'),
  participant('W0001', 'registered'),
  participant('T0003', 'withdrawn'),
  participant('T0004', 'registered', null),
];

describe('invite sheet', () => {
  it('lists who can still log in, by ID, without the withdrawn or those without a link', () => {
    expect(inviteCards(all, 'all', false).map((c) => c.participantId)).toEqual([
      'T0001',
      'W0001',
      'W0002',
    ]);
    expect(inviteCards(all, 'all', true).map((c) => c.participantId)).toEqual([
      'T0001',
      'T0002',
      'W0001',
      'W0002',
    ]);
  });

  it('filters by role and keeps the access code', () => {
    const wizards = inviteCards(all, 'wizard', false);
    expect(wizards.map((c) => [c.participantId, c.accessCode])).toEqual([
      ['W0001', 'ABC234'],
      ['W0002', null],
    ]);
    expect(inviteCards(all, 'teacher', false).map((c) => c.participantId)).toEqual(['T0001']);
  });

  it('writes the cards as TSV with a header', () => {
    expect(inviteCardsTsv(inviteCards(all, 'teacher', false))).toBe(
      'participantId\trole\tinviteUrl\nT0001\tteacher\thttp://x/?invite=T0001',
    );
  });

  it('escapes the study id in its path', () => {
    expect(inviteSheetPath('a/b')).toBe('/invite-sheet/a%2Fb');
  });
});
