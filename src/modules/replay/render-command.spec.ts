import { describe, expect, it } from 'vitest';
import { buildRenderCommand, type RenderCommandInput, seconds } from './render-command.js';

const VIDEO_OUT = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-crf',
  '23',
  '-pix_fmt',
  'yuv420p',
  '-colorspace',
  'bt470bg',
  '-color_primaries',
  'bt470bg',
  '-color_trc',
  'smpte170m',
  '-color_range',
  'tv',
];
const TAIL = ['-hide_banner', '-nostats', '-loglevel', 'warning'];

const robotaxi: RenderCommandInput = {
  video: { width: 1280, height: 720, fps: 30, pixelFormat: 'yuv420p' },
  frames: 126,
  audio: {
    mode: 'mix',
    tracks: [
      { path: '/tmp/r/track-0.wav', label: 'T0001 mic', offsetMs: 800, rate: null },
      { path: '/tmp/r/track-1.wav', label: 'W0001 mic', offsetMs: -500.25, rate: 48_010 },
    ],
  },
  container: 'mp4',
  output: '/tmp/r/render.mp4',
  metadata: { title: 'robotaxi episode 0' },
};

describe('buildRenderCommand (golden)', () => {
  it('RoboTaxi: yuv420p frames on stdin, two tracks placed and mixed, MP4', () => {
    const cmd = buildRenderCommand(robotaxi);
    expect(cmd.args).toEqual([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      '-s',
      '1280x720',
      '-framerate',
      '30',
      '-i',
      'pipe:0',
      '-i',
      '/tmp/r/track-0.wav',
      '-i',
      '/tmp/r/track-1.wav',
      '-y',
      '-filter_complex',
      '[1:a]aresample=48000,adelay=800,apad,atrim=end=4.2[a0];' +
        '[2:a]asetrate=48010,aresample=48000,atrim=start=0.50025,asetpts=PTS-STARTPTS,apad,atrim=end=4.2[a1];' +
        '[a0][a1]amix=inputs=2:duration=longest:dropout_transition=0,volume=2[aout]',
      '-map',
      '0:v',
      '-map',
      '[aout]',
      ...VIDEO_OUT,
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-ar',
      '48000',
      '-metadata',
      'title=robotaxi episode 0',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      ...TAIL,
      '/tmp/r/render.mp4',
    ]);
    expect(cmd.inputs.map((i) => i.source)).toEqual([
      'pipe:0',
      '/tmp/r/track-0.wav',
      '/tmp/r/track-1.wav',
    ]);
    expect(cmd.output).toBe('/tmp/r/render.mp4');
  });

  it('Atari: RGBA frames at 60 fps, one stream per track named by its label, MOV', () => {
    const cmd = buildRenderCommand({
      video: { width: 640, height: 480, fps: 60, pixelFormat: 'rgba' },
      frames: 361,
      audio: {
        mode: 'separate',
        tracks: [
          { path: '/tmp/a/track-0.wav', label: 'D0001 mic', offsetMs: -300, rate: null },
          { path: '/tmp/a/track-1.wav', label: 'D0001 game', offsetMs: 0, rate: null },
        ],
      },
      container: 'mov',
      output: '/tmp/a/render.mov',
    });
    expect(cmd.args).toEqual([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      '640x480',
      '-framerate',
      '60',
      '-i',
      'pipe:0',
      '-i',
      '/tmp/a/track-0.wav',
      '-i',
      '/tmp/a/track-1.wav',
      '-y',
      '-filter_complex',
      '[1:a]aresample=48000,atrim=start=0.3,asetpts=PTS-STARTPTS,apad,atrim=end=6.016667[a0];' +
        '[2:a]aresample=48000,apad,atrim=end=6.016667[a1]',
      '-map',
      '0:v',
      '-map',
      '[a0]',
      '-map',
      '[a1]',
      ...VIDEO_OUT,
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-ar',
      '48000',
      '-metadata:s:a:0',
      'title=D0001 mic',
      '-metadata:s:a:0',
      'handler_name=D0001 mic',
      '-metadata:s:a:1',
      'title=D0001 game',
      '-metadata:s:a:1',
      'handler_name=D0001 game',
      '-movflags',
      '+faststart',
      '-f',
      'mov',
      ...TAIL,
      '/tmp/a/render.mov',
    ]);
  });

  it('one track mixed is that track alone; no audio (asked, or no track) is video only', () => {
    const one = buildRenderCommand({
      ...robotaxi,
      audio: { mode: 'mix', tracks: [robotaxi.audio.tracks[0]] },
    });
    expect(one.filterComplex).toBe('[1:a]aresample=48000,adelay=800,apad,atrim=end=4.2[aout]');
    const none = buildRenderCommand({ ...robotaxi, audio: { ...robotaxi.audio, mode: 'none' } });
    const silent = buildRenderCommand({ ...robotaxi, audio: { mode: 'separate', tracks: [] } });
    for (const cmd of [none, silent]) {
      expect(cmd.filterComplex).toBeNull();
      expect(cmd.inputs).toHaveLength(1);
      expect(cmd.args).not.toContain('-filter_complex');
      expect(cmd.args).not.toContain('-c:a');
      expect(cmd.outputOptions.slice(0, 2)).toEqual(['-map', '0:v']);
    }
  });

  it('refuses an empty video', () => {
    expect(() => buildRenderCommand({ ...robotaxi, frames: 0 })).toThrow(/frames/);
  });

  it('writes seconds without float noise', () => {
    expect(seconds(4200)).toBe('4.2');
    expect(seconds(0.125)).toBe('0.000125');
    expect(seconds((361 * 1000) / 60)).toBe('6.016667');
  });
});
