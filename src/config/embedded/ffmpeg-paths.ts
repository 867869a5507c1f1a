import { createRequire } from 'node:module';
import { findOnPath } from './find-on-path.js';

const require = createRequire(import.meta.url);

export interface FfmpegPaths {
  ffmpeg: string | null;
  ffprobe: string | null;
  ffmpegSource: 'configured' | 'path' | 'npm' | 'none';
  ffprobeSource: 'configured' | 'path' | 'npm' | 'none';
}

function fromNpm(pkg: string): string | null {
  try {
    return (require(pkg) as { path: string }).path;
  } catch {
    return null;
  }
}

function resolveOne(configured: string | undefined, name: string, pkg: string, pathVar?: string) {
  if (configured) return { path: configured, source: 'configured' as const };
  const onPath = findOnPath(name, pathVar);
  if (onPath) return { path: onPath, source: 'path' as const };
  const npm = fromNpm(pkg);
  return npm ? { path: npm, source: 'npm' as const } : { path: null, source: 'none' as const };
}

/** FFMPEG_PATH / FFPROBE_PATH, else the binaries on PATH, else the ones shipped by @ffmpeg-installer / @ffprobe-installer. */
export function resolveFfmpeg(
  opts: { ffmpegPath?: string; ffprobePath?: string },
  pathVar?: string,
): FfmpegPaths {
  const ffmpeg = resolveOne(opts.ffmpegPath, 'ffmpeg', '@ffmpeg-installer/ffmpeg', pathVar);
  const ffprobe = resolveOne(opts.ffprobePath, 'ffprobe', '@ffprobe-installer/ffprobe', pathVar);
  return {
    ffmpeg: ffmpeg.path,
    ffprobe: ffprobe.path,
    ffmpegSource: ffmpeg.source,
    ffprobeSource: ffprobe.source,
  };
}
