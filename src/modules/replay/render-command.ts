/**
 * The ffmpeg command of a render (pure; golden-tested in render-command.spec.ts).
 *
 * - Video: raw frames on stdin (`rawvideo`, `rgba` or `yuv420p`, WxH at the output rate: one
 *   frame in for every frame out, so the frame source alone decides what each frame shows).
 *   H.264 (libx264, preset veryfast, yuv420p), tagged BT.601 limited range, the matrix that both
 *   swscale's default RGBA conversion and our own (yuv.ts) use.
 * - Audio: each track is a WAV file (input 1, 2, ...), played at its measured rate when it
 *   drifted (`asetrate`), resampled to 48 kHz, then placed at its offset: delayed (`adelay`) or
 *   its head trimmed (`atrim`), padded or cut to the video's exact length. Mixed into one AAC
 *   stream (`amix`, whose 1/n scaling `volume` undoes, so the mix is the plain sum as heard live)
 *   or one AAC stream per track, named with the track's label.
 * - Container: MP4 (or MOV) with `+faststart`, so a browser can play it while it downloads.
 *
 * The argument order is fluent-ffmpeg's (inputs, `-y`, `-filter_complex`, output options,
 * output), so `args` is exactly what the media adapter runs.
 */
import type { RenderAudioMode, RenderContainer } from './render-options.js';

export const STDIN = 'pipe:0';

export type RawPixelFormat = 'rgba' | 'yuv420p';

export interface RenderAudioInput {
  path: string;
  label: string;
  /** Where the track's first sample goes on the video's timeline (ms; negative: trimmed). */
  offsetMs: number;
  /** Play the samples at this rate (drift correction), or null for the file's own rate. */
  rate: number | null;
}

export interface RenderCommandInput {
  video: { width: number; height: number; fps: number; pixelFormat: RawPixelFormat };
  /** Frames that will be written to stdin: the video lasts frames / fps. */
  frames: number;
  audio: { mode: RenderAudioMode; tracks: RenderAudioInput[] };
  container: RenderContainer;
  output: string;
  /** Container-level metadata (title, comment). */
  metadata?: Record<string, string>;
}

export interface RenderPreset {
  x264Preset: string;
  crf: number;
  audioBitrate: string;
  audioRate: number;
}

export const DEFAULT_RENDER_PRESET: RenderPreset = {
  x264Preset: 'veryfast',
  crf: 23,
  audioBitrate: '128k',
  audioRate: 48_000,
};

export interface RenderCommand {
  inputs: { source: string; options: string[] }[];
  filterComplex: string | null;
  outputOptions: string[];
  output: string;
  /** The whole argument list, in the order fluent-ffmpeg passes it. */
  args: string[];
}

/** Seconds with microsecond precision, without a trailing zero run (`1.5`, `0.000125`). */
export function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(6)));
}

/** Milliseconds to three decimals (adelay takes fractional ms). */
const millis = (ms: number): string => String(Number(ms.toFixed(3)));

function trackChain(
  index: number,
  track: RenderAudioInput,
  durationMs: number,
  preset: RenderPreset,
): string {
  const filters: string[] = [];
  if (track.rate !== null) filters.push(`asetrate=${track.rate}`);
  filters.push(`aresample=${preset.audioRate}`);
  if (track.offsetMs > 0) filters.push(`adelay=${millis(track.offsetMs)}`);
  else if (track.offsetMs < 0)
    filters.push(`atrim=start=${seconds(-track.offsetMs)}`, 'asetpts=PTS-STARTPTS');
  filters.push('apad', `atrim=end=${seconds(durationMs)}`);
  return `[${index + 1}:a]${filters.join(',')}`;
}

export function buildRenderCommand(
  input: RenderCommandInput,
  preset: RenderPreset = DEFAULT_RENDER_PRESET,
): RenderCommand {
  const { video, frames } = input;
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`frames must be >= 1`);
  const durationMs = (frames * 1000) / video.fps;
  const tracks = input.audio.mode === 'none' ? [] : input.audio.tracks;

  const inputs = [
    {
      source: STDIN,
      options: [
        '-f',
        'rawvideo',
        '-pix_fmt',
        video.pixelFormat,
        '-s',
        `${video.width}x${video.height}`,
        '-framerate',
        String(video.fps),
      ],
    },
    ...tracks.map((t) => ({ source: t.path, options: [] as string[] })),
  ];

  const graph: string[] = [];
  const audioMaps: string[] = [];
  if (tracks.length > 0 && input.audio.mode === 'mix') {
    if (tracks.length === 1) {
      graph.push(`${trackChain(0, tracks[0], durationMs, preset)}[aout]`);
    } else {
      tracks.forEach((t, i) => graph.push(`${trackChain(i, t, durationMs, preset)}[a${i}]`));
      const labels = tracks.map((_, i) => `[a${i}]`).join('');
      graph.push(
        `${labels}amix=inputs=${tracks.length}:duration=longest:dropout_transition=0,` +
          `volume=${tracks.length}[aout]`,
      );
    }
    audioMaps.push('-map', '[aout]');
  } else if (tracks.length > 0) {
    tracks.forEach((t, i) => {
      graph.push(`${trackChain(i, t, durationMs, preset)}[a${i}]`);
      audioMaps.push('-map', `[a${i}]`);
    });
  }

  const outputOptions = [
    '-map',
    '0:v',
    ...audioMaps,
    '-c:v',
    'libx264',
    '-preset',
    preset.x264Preset,
    '-crf',
    String(preset.crf),
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
  if (tracks.length > 0) {
    outputOptions.push('-c:a', 'aac', '-b:a', preset.audioBitrate, '-ar', String(preset.audioRate));
    if (input.audio.mode === 'separate')
      // MP4 and MOV keep a stream's name as its handler name (a player's track menu shows it).
      tracks.forEach((t, i) =>
        outputOptions.push(
          `-metadata:s:a:${i}`,
          `title=${t.label}`,
          `-metadata:s:a:${i}`,
          `handler_name=${t.label}`,
        ),
      );
  }
  for (const [key, value] of Object.entries(input.metadata ?? {}))
    outputOptions.push('-metadata', `${key}=${value}`);
  outputOptions.push(
    '-movflags',
    '+faststart',
    '-f',
    input.container,
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'warning',
  );

  const filterComplex = graph.length ? graph.join(';') : null;
  const args = [
    ...inputs.flatMap((i) => [...i.options, '-i', i.source]),
    '-y',
    ...(filterComplex ? ['-filter_complex', filterComplex] : []),
    ...outputOptions,
    input.output,
  ];
  return { inputs, filterComplex, outputOptions, output: input.output, args };
}
