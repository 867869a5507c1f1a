import { describe, expect, it } from 'vitest';

import {
  filenameFromDisposition,
  plannedFilesOf,
  progressPercent,
  progressText,
  readWithProgress,
  scopeRequest,
  selectionRequest,
  ZipEntryCounter,
} from './zipExport';

const HEADER = [0x50, 0x4b, 0x03, 0x04];

describe('export requests', () => {
  it('asks for a session or a study, with the study filters in the query', () => {
    expect(scopeRequest('/api', { sessionId: 'abc' })).toMatchObject({
      url: '/api/sessions/abc/export.zip',
      init: { method: 'GET' },
      fallbackName: 'ozlab-session-abc.zip',
    });
    expect(scopeRequest('/api', { studyId: 's/1' }).url).toBe('/api/studies/s%2F1/export.zip');
    expect(
      scopeRequest('/api', { studyId: 's', from: '2025-03-01', includePractice: false }).url,
    ).toBe('/api/studies/s/export.zip?from=2025-03-01&includePractice=false');
  });

  it('posts a selection, leaving out empty lists', () => {
    const req = selectionRequest('/api', { sessionIds: ['a', 'b'], episodeIds: [] });
    expect(req.url).toBe('/api/exports');
    expect(req.init.method).toBe('POST');
    expect(JSON.parse(req.init.body as string)).toEqual({ sessionIds: ['a', 'b'] });
  });
});

describe('filenameFromDisposition', () => {
  it('prefers filename*, then filename, and never keeps a path', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="ozlab-study-caf_.zip"; filename*=UTF-8''ozlab-study-caf%C3%A9.zip`,
        'x.zip',
      ),
    ).toBe('ozlab-study-café.zip');
    expect(filenameFromDisposition('attachment; filename="a.zip"', 'x.zip')).toBe('a.zip');
    expect(filenameFromDisposition('attachment; filename=b.zip', 'x.zip')).toBe('b.zip');
    expect(filenameFromDisposition('attachment; filename="../../evil.zip"', 'x.zip')).toBe(
      'evil.zip',
    );
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'x.zip')).toBe('x.zip');
    expect(filenameFromDisposition(null, 'x.zip')).toBe('x.zip');
  });
});

describe('ZipEntryCounter', () => {
  it('counts local file headers, also when split between chunks', () => {
    const counter = new ZipEntryCounter();
    expect(counter.push(Uint8Array.from([...HEADER, 1, 2, 3, 0x50]))).toBe(1);
    expect(counter.push(Uint8Array.from([0x4b, 0x03]))).toBe(1);
    expect(counter.push(Uint8Array.from([0x04, 9, 9]))).toBe(2);
    expect(counter.push(Uint8Array.from([0x50, 0x4b, 0x05, 0x06]))).toBe(2); // end of directory
    expect(counter.push(new Uint8Array(0))).toBe(2);
    expect(counter.push(Uint8Array.from(HEADER))).toBe(3);
  });
});

describe('progress', () => {
  it('reads a body to the end, counting bytes and files up to the plan', async () => {
    const parts = [Uint8Array.from([...HEADER, 0, 0]), Uint8Array.from([...HEADER, ...HEADER])];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(p);
        controller.close();
      },
    });
    const seen: { bytes: number; files: number }[] = [];
    const chunks = await readWithProgress(body, 2, (p) =>
      seen.push({ bytes: p.bytes, files: p.files }),
    );
    expect(chunks).toEqual(parts);
    expect(seen).toEqual([
      { bytes: 6, files: 1 },
      { bytes: 14, files: 2 },
    ]);
  });

  it('says MB received and, when planned, which file', () => {
    expect(progressText({ bytes: 5 * 1024 * 1024 + 300_000, plannedFiles: null, files: 3 })).toBe(
      '5.3 MB received',
    );
    expect(progressText({ bytes: 2048, plannedFiles: 10, files: 0 })).toBe(
      '2 kB received · file 1 of 10',
    );
    expect(progressPercent({ bytes: 1, plannedFiles: 4, files: 1 })).toBe(25);
    expect(progressPercent({ bytes: 1, plannedFiles: null, files: 1 })).toBeNull();
  });

  it('reads X-Export-Files', () => {
    expect(plannedFilesOf(new Headers({ 'X-Export-Files': '12' }))).toBe(12);
    expect(plannedFilesOf(new Headers({ 'X-Export-Files': 'many' }))).toBeNull();
    expect(plannedFilesOf(new Headers())).toBeNull();
  });
});
