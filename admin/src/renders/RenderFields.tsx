import { useRecordContext } from 'react-admin';

import type { Render } from './types';

/** `1280x720 · 30 fps · mp4 · audio mix` */
export const describeOptions = (options: Render['options']): string =>
  `${options.width}x${options.height} · ${options.fps} fps · ${options.container} · audio ${options.audio}`;

export function RenderOptionsField(_props: { label?: string; source?: string }) {
  const render = useRecordContext<Render>();
  return render ? <span>{describeOptions(render.options)}</span> : null;
}

const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
};

const formatDuration = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** `0:42 · 3.1 MB` once the video exists, else empty. */
export function RenderFileField(_props: { label?: string; source?: string }) {
  const render = useRecordContext<Render>();
  if (!render || render.durationMs === null) return null;
  const parts = [formatDuration(render.durationMs)];
  if (render.bytes !== null) parts.push(formatBytes(render.bytes));
  return <span>{parts.join(' · ')}</span>;
}
