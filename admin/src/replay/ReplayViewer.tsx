import { AtariViewer } from './AtariViewer';
import type { AudioSource, Replay } from './model';
import { RobotaxiViewer } from './RobotaxiViewer';

export interface ReplayViewerProps {
  replay: Replay;
  audio: readonly AudioSource[];
  /** Atari: the ROM's bytes (null: not available; see `romMissing`). */
  rom?: Uint8Array | null;
  romMissing?: string;
  /** RoboTaxi: the episode to open on. */
  initialEpisode?: string;
}

/** The replay of a RoboTaxi session or an Atari episode, from the API or from dropped files. */
export function ReplayViewer({
  replay,
  audio,
  rom,
  romMissing,
  initialEpisode,
}: ReplayViewerProps) {
  switch (replay.kind) {
    case 'robotaxi':
      return <RobotaxiViewer replay={replay} audio={audio} initialEpisode={initialEpisode} />;
    case 'atari':
      return (
        <AtariViewer replay={replay} audio={audio} rom={rom ?? null} romMissing={romMissing} />
      );
  }
}
