import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fluentCommand, tailLines } from './media.adapter.js';
import { buildRenderCommand } from './render-command.js';

describe('MediaAdapter', () => {
  it('runs exactly the arguments the command builder made (labels with spaces kept whole)', () => {
    const command = buildRenderCommand({
      video: { width: 640, height: 480, fps: 60, pixelFormat: 'rgba' },
      frames: 60,
      audio: {
        mode: 'separate',
        tracks: [{ path: '/tmp/x/track-0.wav', label: 'D0001 mic', offsetMs: 10, rate: null }],
      },
      container: 'mp4',
      output: '/tmp/x/out.mp4',
      metadata: { title: 'ms-pacman episode 3' },
    });
    const proc = fluentCommand('/usr/bin/ffmpeg', command, new PassThrough(), 10) as unknown as {
      _getArguments(): string[];
    };
    expect(proc._getArguments()).toEqual(command.args);
  });

  it('keeps the last lines of stderr', () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n\n';
    expect(tailLines(text, 3)).toBe('line 27\nline 28\nline 29');
  });
});
