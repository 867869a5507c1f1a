import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import ffmpeg from 'fluent-ffmpeg';
import { Infrastructure } from '../../config/embedded/infrastructure.js';
import { type RenderCommand, STDIN } from './render-command.js';

/** One picture and how many consecutive frames show it. */
export interface FrameRun {
  data: Uint8Array;
  count: number;
}

export interface EncodeOptions {
  /** Aborting kills ffmpeg at once; `encode` then rejects with `MediaAbortedError`. */
  signal?: AbortSignal;
  timeoutMs: number;
  /** Added to ffmpeg's niceness (`nice -n`); 0 runs it at the caller's priority. */
  niceness: number;
  /** Frames handed to ffmpeg so far (called once per frame: throttle on the other side). */
  onProgress?: (framesWritten: number) => void;
}

/** ffmpeg failed: the message says how, `stderrTail` holds its last lines. */
export class MediaError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
  ) {
    super(stderrTail ? `${message}\n${stderrTail}` : message);
    this.name = 'MediaError';
  }
}

export class MediaAbortedError extends Error {
  constructor() {
    super('The encoding was aborted');
    this.name = 'MediaAbortedError';
  }
}

/** Lines of ffmpeg's stderr kept for an error. */
export const STDERR_TAIL_LINES = 20;

export function tailLines(text: string, lines = STDERR_TAIL_LINES): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The fluent-ffmpeg command of `command`: its arguments are `command.args` exactly. */
export function fluentCommand(
  binary: string,
  command: RenderCommand,
  stdin: Readable,
  niceness: number,
): ffmpeg.FfmpegCommand {
  const proc = ffmpeg({ niceness, stdoutLines: STDERR_TAIL_LINES * 3 });
  proc.setFfmpegPath(binary);
  for (const input of command.inputs) {
    proc.input(input.source === STDIN ? stdin : input.source);
    // Spread: several arguments are taken as they are (an array would be split at spaces).
    if (input.options.length) proc.inputOptions(...input.options);
  }
  if (command.filterComplex) proc.complexFilter(command.filterComplex);
  return proc.outputOptions(...command.outputOptions).output(command.output);
}

/**
 * The only code that runs ffmpeg (through fluent-ffmpeg, with the binary the infrastructure
 * found: FFMPEG_PATH, PATH, or @ffmpeg-installer). Frames are pulled from the caller's generator
 * only as fast as ffmpeg reads stdin, so memory stays at a frame or two whatever the length.
 */
@Injectable()
export class MediaAdapter {
  private readonly logger = new Logger(MediaAdapter.name);

  constructor(private readonly infra: Infrastructure) {}

  get available(): boolean {
    return this.infra.ffmpeg.ffmpeg !== null;
  }

  /** Runs `fn` with a fresh temporary folder, removed afterwards whatever happens. */
  async withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'ozlab-render-'));
    try {
      return await fn(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Runs `command`, writing `frames` to its stdin; resolves when the output file is complete. */
  async encode(
    command: RenderCommand,
    frames: AsyncIterable<FrameRun>,
    options: EncodeOptions,
  ): Promise<void> {
    const binary = this.infra.ffmpeg.ffmpeg;
    if (!binary) throw new MediaError('No ffmpeg found: set FFMPEG_PATH or install ffmpeg', '');
    if (options.signal?.aborted) throw new MediaAbortedError();
    let written = 0;
    const onProgress = options.onProgress;
    async function* bytes(): AsyncGenerator<Buffer> {
      for await (const run of frames) {
        const buffer = Buffer.from(run.data.buffer, run.data.byteOffset, run.data.byteLength);
        for (let i = 0; i < run.count; i++) {
          yield buffer;
          written++;
          onProgress?.(written);
        }
      }
    }
    // Byte mode with a tiny high-water mark: at most one frame waits in the stream.
    const source = Readable.from(bytes(), { objectMode: false, highWaterMark: 1 });
    const proc = fluentCommand(binary, command, source, options.niceness);
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        proc.on('start', (line: string) => this.logger.log(`Running ${line}`));
        proc.on('end', () => resolve());
        proc.on('error', (error: Error & { inputStreamError?: unknown }, _out, stderr) => {
          if (options.signal?.aborted) return reject(new MediaAbortedError());
          // Our frame source failed (a corrupt log): that error, not ffmpeg's reaction to it.
          const source = error.inputStreamError;
          if (source)
            return reject(source instanceof Error ? source : new Error('The frame source failed'));
          const tail = tailLines(typeof stderr === 'string' ? stderr : '');
          if (timedOut)
            return reject(
              new MediaError(`ffmpeg did not finish within ${options.timeoutMs / 1000} s`, tail),
            );
          reject(
            new MediaError(
              `ffmpeg failed after ${written} frames: ${error.message.split('\n')[0]}`,
              tail,
            ),
          );
        });
        timer = setTimeout(() => {
          timedOut = true;
          proc.kill('SIGKILL');
        }, options.timeoutMs);
        onAbort = () => proc.kill('SIGKILL');
        options.signal?.addEventListener('abort', onAbort, { once: true });
        proc.run();
      });
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
      // Ends the frame generator (its `finally` blocks run) if ffmpeg stopped reading early.
      source.destroy();
    }
  }
}
