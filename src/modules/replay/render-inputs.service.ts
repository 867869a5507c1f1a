import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, IsNull, type Repository } from 'typeorm';
import type { FrameRecord } from '../../games/common/atari-frames.js';
import { NTSC_FPS } from '../../games/atari/machine.js';
import type { GameState } from '../../games/robotaxi/types.js';
import { romKey } from '../atari/episode-verifier.service.js';
import { robotaxiSettings } from '../gateway/robotaxi-study.js';
import { RecordingEntity, RecordingStatus } from '../recordings/recording.entity.js';
import { parseWavHeader, WAV_HEADER_BYTES } from '../recordings/wav.js';
import type { EpisodeEntity } from '../sessions/episode.entity.js';
import { StorageNotFoundError } from '../storage/storage.errors.js';
import { StorageService } from '../storage/storage.service.js';
import { StudyEntity } from '../studies/study.entity.js';
import { atariFrames } from './atari-frames.js';
import { type PlacedTrack, placeTracks } from './audio-placement.js';
import { outputFrameCount } from './frame-timing.js';
import type { FrameRun } from './media.adapter.js';
import type { RawPixelFormat } from './render-command.js';
import { RenderInputError } from './render-errors.js';
import {
  atariLayout,
  type FrameLayout,
  gameKindOf,
  type RenderOptions,
  robotaxiLayout,
} from './render-options.js';
import { type RobotaxiStepRow, robotaxiFrames } from './robotaxi-frames.js';

/** Everything ffmpeg and the frame pipe need for one render. */
export interface PreparedRender {
  layout: FrameLayout;
  pixelFormat: RawPixelFormat;
  framesTotal: number;
  frames: AsyncIterable<FrameRun>;
  /** The tracks placed in the video, each downloaded to `path`. */
  tracks: (PlacedTrack & { path: string })[];
}

const STEP_PAGE = 500;
const BATCH_PAGE = 4;

/** The grid a RoboTaxi episode was played on (from its initial state). */
function gridOf(episode: Pick<EpisodeEntity, 'initialState'>): { rows: number; cols: number } {
  const state = episode.initialState as Partial<GameState> | null;
  if (!state || !Number.isInteger(state.rows) || !Number.isInteger(state.cols))
    throw new RenderInputError('The episode has no initial state to draw');
  return { rows: state.rows!, cols: state.cols! };
}

/** Where the picture goes in a frame of this size; throws LayoutError when it cannot fit. */
export function episodeLayout(
  episode: Pick<EpisodeEntity, 'game' | 'initialState'>,
  options: RenderOptions,
): FrameLayout {
  return gameKindOf(episode.game) === 'robotaxi'
    ? robotaxiLayout(options, gridOf(episode))
    : atariLayout(options);
}

/**
 * Reads what a render needs from the database and storage: the episode's log as a stream of
 * frames (steps and frame batches read a page at a time, so memory stays flat however long the
 * episode), its length, and its session's audio tracks, placed on the video's timeline and
 * downloaded to the render's temporary folder.
 */
@Injectable()
export class RenderInputs {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(StudyEntity) private readonly studies: Repository<StudyEntity>,
    @InjectRepository(RecordingEntity) private readonly recordings: Repository<RecordingEntity>,
    private readonly storage: StorageService,
  ) {}

  async prepare(
    episode: EpisodeEntity,
    options: RenderOptions,
    dir: string,
  ): Promise<PreparedRender> {
    const layout = episodeLayout(episode, options);
    const timeline =
      gameKindOf(episode.game) === 'robotaxi'
        ? await this.robotaxiTimeline(episode)
        : await this.atariTimeline(episode);
    const framesTotal = outputFrameCount(timeline.durationMs, options.fps);
    const placed =
      options.audio === 'none'
        ? []
        : await this.tracks(episode, timeline.zeroMs, (framesTotal * 1000) / options.fps, dir);
    const frames =
      timeline.kind === 'robotaxi'
        ? robotaxiFrames(
            { ...timeline.replay, steps: this.steps(episode.id) },
            layout,
            options.fps,
            framesTotal,
          )
        : atariFrames(
            { ...timeline.replay, frames: this.frameRecords(episode.id) },
            layout,
            options.fps,
            framesTotal,
          );
    return {
      layout,
      pixelFormat: timeline.kind === 'robotaxi' ? 'yuv420p' : 'rgba',
      framesTotal,
      frames,
      tracks: placed,
    };
  }

  // ------------------------------------------------------------------------------ RoboTaxi

  private async robotaxiTimeline(episode: EpisodeEntity) {
    const study = await this.studies.findOne({
      where: { id: episode.studyId },
      select: { id: true, config: true },
    });
    let hud = { rounds: 1, stepLimit: episode.steps, stepMs: 0 };
    try {
      const settings = robotaxiSettings(study?.config ?? {});
      hud = {
        rounds: settings.rules.rounds,
        stepLimit: settings.rules.stepLimit,
        stepMs: settings.stepMs,
      };
    } catch {
      // A study config that no longer parses: draw the HUD without its limits.
    }
    const [last] = await this.db.query<{ lastMs: number | null }[]>(
      `SELECT max("serverMs") AS "lastMs" FROM "steps" WHERE "episodeId" = $1`,
      [episode.id],
    );
    const zeroMs = episode.startedAt.getTime();
    // The last state stays on screen for a step period, as it did live before the next screen.
    const endMs = Math.max(
      episode.endedAt?.getTime() ?? zeroMs,
      last?.lastMs !== null && last?.lastMs !== undefined ? last.lastMs + hud.stepMs : zeroMs,
    );
    const initialState = episode.initialState as GameState | null;
    if (!initialState) throw new RenderInputError('The episode has no initial state to draw');
    return {
      kind: 'robotaxi' as const,
      zeroMs,
      durationMs: endMs - zeroMs,
      replay: {
        zeroMs,
        episodeIndex: episode.index,
        round: episode.round,
        practice: episode.practice,
        ...hud,
        initialState,
      },
    };
  }

  private async *steps(episodeId: string): AsyncGenerator<RobotaxiStepRow> {
    let after = 0;
    for (;;) {
      const rows = await this.db.query<RobotaxiStepRow[]>(
        `SELECT "index", "state", "serverMs" FROM "steps"
         WHERE "episodeId" = $1 AND "index" > $2 ORDER BY "index" LIMIT ${STEP_PAGE}`,
        [episodeId, after],
      );
      yield* rows;
      if (rows.length < STEP_PAGE) return;
      after = rows[rows.length - 1].index;
    }
  }

  // ------------------------------------------------------------------------------ Atari

  private async atariTimeline(episode: EpisodeEntity) {
    if (!episode.romMd5 || episode.seed === null)
      throw new RenderInputError('The episode has no ROM or seed recorded: it cannot be replayed');
    let rom: Buffer;
    try {
      rom = await this.storage.get(romKey(episode.romMd5));
    } catch (error) {
      if (error instanceof StorageNotFoundError)
        throw new RenderInputError(`ROM ${episode.romMd5} is no longer in the library`);
      throw error;
    }
    const batches = await this.db.query<
      { firstFrame: number; frameCount: number; firstMs: number | null; lastMs: number | null }[]
    >(
      `SELECT "firstFrame", "frameCount",
              ("frames"->0->>'clientMs')::float8 AS "firstMs",
              ("frames"->-1->>'clientMs')::float8 AS "lastMs"
       FROM "frame_batches" WHERE "episodeId" = $1 ORDER BY "firstFrame"`,
      [episode.id],
    );
    let next = 0;
    for (const b of batches) {
      if (b.firstFrame > next)
        throw new RenderInputError(`Frames ${next}–${b.firstFrame - 1} of the episode are missing`);
      if (b.firstFrame < next)
        throw new RenderInputError(`Frame batches overlap at frame ${b.firstFrame}`);
      next += b.frameCount;
    }
    if (next === 0) throw new RenderInputError('The episode has no frames');
    if (episode.steps > next)
      throw new RenderInputError(`Frames ${next}–${episode.steps - 1} of the episode are missing`);
    const zeroMs = batches[0].firstMs;
    const lastMs = batches[batches.length - 1].lastMs;
    if (zeroMs === null || lastMs === null || !(lastMs >= zeroMs))
      throw new RenderInputError('The frames have no valid times (clientMs)');
    return {
      kind: 'atari' as const,
      zeroMs,
      // The last frame is on screen for one frame period.
      durationMs: lastMs - zeroMs + 1000 / NTSC_FPS,
      replay: { rom: new Uint8Array(rom), seed: episode.seed, zeroMs, episodeIndex: episode.index },
    };
  }

  private async *frameRecords(episodeId: string): AsyncGenerator<FrameRecord> {
    let after = -1;
    for (;;) {
      const rows = await this.db.query<{ firstFrame: number; frames: FrameRecord[] }[]>(
        `SELECT "firstFrame", "frames" FROM "frame_batches"
         WHERE "episodeId" = $1 AND "firstFrame" > $2 ORDER BY "firstFrame" LIMIT ${BATCH_PAGE}`,
        [episodeId, after],
      );
      for (const row of rows) yield* row.frames;
      if (rows.length < BATCH_PAGE) return;
      after = rows[rows.length - 1].firstFrame;
    }
  }

  // ------------------------------------------------------------------------------ audio

  /**
   * The session's finalized tracks (those of this episode, or of the whole session) that
   * overlap the video, ordered by participant then creation, each downloaded and checked.
   */
  private async tracks(
    episode: EpisodeEntity,
    zeroMs: number,
    durationMs: number,
    dir: string,
  ): Promise<PreparedRender['tracks']> {
    const rows = await this.recordings.find({
      where: [
        { sessionId: episode.sessionId, status: RecordingStatus.Finalized, episodeId: IsNull() },
        {
          sessionId: episode.sessionId,
          status: RecordingStatus.Finalized,
          episodeId: episode.id,
        },
      ],
      relations: { participant: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const usable = rows
      .filter((r) => r.wavKey && r.mapping && r.durationSamples)
      .map((r) => ({
        row: r,
        id: r.id,
        label: `${r.participant?.participantId ?? 'track'} ${r.label ?? r.kind}`,
        sampleRate: r.sampleRate,
        durationSamples: r.durationSamples!,
        mapping: r.mapping!,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const placed = placeTracks(usable, zeroMs, durationMs);
    const out: PreparedRender['tracks'] = [];
    for (const [i, track] of placed.entries()) {
      const row = usable.find((u) => u.id === track.id)!.row;
      const path = join(dir, `track-${i}.wav`);
      await this.download(row, track.label, path);
      out.push({ ...track, path });
    }
    return out;
  }

  private async download(row: RecordingEntity, label: string, path: string): Promise<void> {
    const key = row.wavKey!;
    try {
      await pipeline(await this.storage.stream(key), createWriteStream(path));
    } catch (error) {
      if (error instanceof StorageNotFoundError)
        throw new RenderInputError(
          `Audio track ${row.id} (${label}): its WAV is missing from storage (${key})`,
        );
      throw error;
    }
    const file = await open(path, 'r');
    try {
      const header = Buffer.alloc(WAV_HEADER_BYTES);
      await file.read(header, 0, WAV_HEADER_BYTES, 0);
      const format = parseWavHeader(header);
      if (format.sampleRate !== row.sampleRate)
        throw new Error(`${format.sampleRate} Hz, the track says ${row.sampleRate} Hz`);
    } catch (error) {
      throw new RenderInputError(
        `Audio track ${row.id} (${label}): its WAV is unreadable (${error instanceof Error ? error.message : String(error)})`,
      );
    } finally {
      await file.close();
    }
  }
}
