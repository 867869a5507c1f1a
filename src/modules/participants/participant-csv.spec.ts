import { describe, expect, it } from 'vitest';
import { parseParticipantCsv, participantsToCsv } from './participant-csv.js';

const PATTERN = '^[TWD]\\d{4,6}$';

describe('parseParticipantCsv', () => {
  it('parses rows with optional columns', () => {
    const { rows, errors } = parseParticipantCsv(
      'participantId,externalId\nT0001,PROLIFIC1\nw0002,\n',
      PATTERN,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        participantId: 'T0001',
        role: 'teacher',
        externalId: 'PROLIFIC1',
        status: 'registered',
      },
      { line: 3, participantId: 'W0002', role: 'wizard', externalId: null, status: 'registered' },
    ]);
  });

  it('reports every bad line and imports nothing', () => {
    const csv =
      'participant_id,status\nT0001,registered\nX9,registered\nT0001,active\nD0003,sleeping\n';
    const { rows, errors } = parseParticipantCsv(csv, PATTERN);
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors[1].reason).toMatch(/already appears on line 2/);
    expect(errors[2].reason).toMatch(/status "sleeping"/);
  });

  it('requires a participantId column and rows', () => {
    expect(parseParticipantCsv('name\nT0001\n', PATTERN).errors[0].reason).toMatch(
      /participantId column/,
    );
    expect(parseParticipantCsv('participantId\n', PATTERN).errors[0].reason).toMatch(/no rows/);
    expect(parseParticipantCsv('', PATTERN).errors[0].reason).toMatch(/empty/);
  });

  it('reports malformed CSV', () => {
    const { errors } = parseParticipantCsv(
      'participantId,externalId\nT0001,"unterminated\n',
      PATTERN,
    );
    expect(errors[0].reason).toMatch(/malformed CSV/);
  });
});

describe('participantsToCsv', () => {
  it('round-trips through the importer', () => {
    const csv = participantsToCsv([
      {
        participantId: 'T0001',
        role: 'teacher',
        status: 'active',
        externalId: 'a,b',
        accessCode: null,
        inviteUrl: 'http://x/?invite=abc',
        consentedAt: null,
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
    ]);
    expect(csv.split('\n')[0]).toBe(
      'participantId,role,status,externalId,accessCode,inviteUrl,consentedAt,createdAt',
    );
    const { rows } = parseParticipantCsv(csv, PATTERN);
    expect(rows).toEqual([
      { line: 2, participantId: 'T0001', role: 'teacher', externalId: 'a,b', status: 'active' },
    ]);
  });
});
