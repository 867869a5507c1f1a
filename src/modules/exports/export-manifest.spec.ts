import { describe, expect, it } from 'vitest';
import { buildManifest, errorsText, EXPORT_FORMAT } from './export-manifest.js';

const createdAt = new Date('2025-05-06T07:08:09.000Z');

describe('manifest', () => {
  it('has the format, the creator, the scope and every file with its checksum', () => {
    const files = [{ path: 'summary.csv', bytes: 10, sha256: 'ab'.repeat(32) }];
    const manifest = buildManifest({
      createdAt,
      createdBy: { id: 'r1', email: 'r@lab.org', role: 'researcher' },
      scope: { kind: 'session', sessionId: 's1' },
      counts: { sessions: 1, episodes: 2, tracks: 0 },
      files,
      skippedTracks: [],
      errors: [],
    });
    expect(manifest).toEqual({
      format: EXPORT_FORMAT,
      createdAt: '2025-05-06T07:08:09.000Z',
      createdBy: { id: 'r1', email: 'r@lab.org', role: 'researcher' },
      scope: { kind: 'session', sessionId: 's1' },
      counts: { sessions: 1, episodes: 2, tracks: 0 },
      files,
      skippedTracks: [],
      errors: [],
    });
    expect(EXPORT_FORMAT).toBe('ozlab.export/1');
  });
});

describe('errors.txt', () => {
  it('says what failed, one line per file, on one line each', () => {
    const text = errorsText(
      [
        {
          path: 'sessions/s/audio/T0001-mic-x.wav',
          error: 'track x: its WAV is missing\nfrom storage',
        },
        { path: 'sessions/s/session.json', error: 'database down' },
      ],
      createdAt,
    );
    expect(text.split('\n')).toEqual([
      'OzLab export of 2025-05-06T07:08:09.000Z: 2 file(s) missing or incomplete.',
      'The other files are complete; manifest.json lists every file with its checksum.',
      '',
      'sessions/s/audio/T0001-mic-x.wav: track x: its WAV is missing from storage',
      'sessions/s/session.json: database down',
      '',
    ]);
  });
});
