import { Readable } from 'node:stream';
import {
  ConflictException,
  HttpException,
  Injectable,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { ClockDomainFit, SampleTimeMapping } from '../../games/common/recording.js';
import { StorageUnavailableError } from '../storage/storage.errors.js';
import { StorageService } from '../storage/storage.service.js';
import { planAssembly } from './assembly-plan.js';
import { ClockSampleEntity } from './clock-sample.entity.js';
import { type ClockOffsetModel, estimateClockOffset, toServerMs } from './clock-offset.js';
import { RecordingChunkEntity } from './recording-chunk.entity.js';
import { chunksFolder, wavKeyOf } from './recording-keys.js';
import { RecordingEntity, RecordingStatus } from './recording.entity.js';
import { fitSampleMapping } from './sample-mapping.js';
import { type StoredPlanChunk, wavBytes } from './wav.js';

/** A `finalizing` track not touched for this long is taken over (its finalizer died). */
const STALE_FINALIZING_S = 15 * 60;
/** How often a running finalize marks the track as still being worked on. */
const HEARTBEAT_MS = 60_000;
/** How long a finalize waits for another instance's finalize of the same track. */
const WAIT_FOR_OTHER_MS = 120_000;
const POLL_MS = 250;

export interface FinalizeOptions {
  /** When another instance is finalizing the track: wait for it (default) or return at once. */
  wait?: boolean;
}

export interface SessionFinalizeResult {
  finalized: string[];
  failed: { id: string; error: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Turns a track's chunks into one WAV plus a sample → server-time mapping (see `assembly-plan.ts`,
 * `clock-offset.ts`, `sample-mapping.ts`, `wav.ts` for the maths). Safe against concurrent calls,
 * in this process and across instances: a conditional UPDATE lets exactly one of them do the work.
 */
@Injectable()
export class FinalizeService {
  private readonly logger = new Logger(FinalizeService.name);
  private readonly running = new Map<string, Promise<RecordingEntity>>();

  constructor(
    @InjectRepository(RecordingEntity) private readonly recordings: Repository<RecordingEntity>,
    @InjectRepository(RecordingChunkEntity)
    private readonly chunks: Repository<RecordingChunkEntity>,
    @InjectRepository(ClockSampleEntity)
    private readonly clockSamples: Repository<ClockSampleEntity>,
    private readonly storage: StorageService,
  ) {}

  /** Finalizes the track (or returns its stored result). Throws 404 unknown, 409 deleted. */
  finalize(trackId: string, options: FinalizeOptions = {}): Promise<RecordingEntity> {
    const inFlight = this.running.get(trackId);
    if (inFlight) return inFlight;
    const run = this.finalizeOnce(trackId, options).finally(() => this.running.delete(trackId));
    this.running.set(trackId, run);
    return run;
  }

  /** Finalizes every unfinished track of a session (the game loop calls this when it ends). */
  async finalizeSession(sessionId: string): Promise<SessionFinalizeResult> {
    const tracks = await this.recordings.find({
      where: {
        sessionId,
        status: In([RecordingStatus.Recording, RecordingStatus.Failed, RecordingStatus.Finalizing]),
      },
      select: { id: true },
      order: { createdAt: 'ASC' },
    });
    const result: SessionFinalizeResult = { finalized: [], failed: [] };
    for (const { id } of tracks) {
      try {
        const done = await this.finalize(id);
        if (done.status === RecordingStatus.Finalized) result.finalized.push(id);
        else result.failed.push({ id, error: done.error ?? `status ${done.status}` });
      } catch (err) {
        result.failed.push({ id, error: err instanceof Error ? err.message : String(err) });
      }
    }
    this.logger.log(
      `Session ${sessionId}: finalized ${result.finalized.length} track(s), ${result.failed.length} failed`,
    );
    return result;
  }

  private async finalizeOnce(id: string, options: FinalizeOptions): Promise<RecordingEntity> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.claim(id)) return this.assembleClaimed(id);
      const row = await this.recordings.findOne({ where: { id } });
      if (!row) throw new NotFoundException(`Track ${id} not found`);
      switch (row.status) {
        case RecordingStatus.Finalized:
          return row;
        case RecordingStatus.Deleted:
          throw new ConflictException(`Track ${id} was deleted: there is nothing to finalize`);
        case RecordingStatus.Finalizing:
          return options.wait === false ? row : this.waitForOther(id);
        case RecordingStatus.Recording:
        case RecordingStatus.Failed:
          continue; // changed between the claim and the read: claim again
      }
    }
    throw new ConflictException(`Track ${id} keeps changing state; try again`);
  }

  /** recording/failed (or a stale finalizing) → finalizing; true if this call won it. */
  private async claim(id: string): Promise<boolean> {
    const result = await this.recordings
      .createQueryBuilder()
      .update(RecordingEntity)
      .set({ status: RecordingStatus.Finalizing, error: null })
      .where('id = :id', { id })
      .andWhere(
        `(status IN (:...open) OR (status = :finalizing AND "updatedAt" < now() - make_interval(secs => :stale)))`,
        {
          open: [RecordingStatus.Recording, RecordingStatus.Failed],
          finalizing: RecordingStatus.Finalizing,
          stale: STALE_FINALIZING_S,
        },
      )
      .execute();
    return result.affected === 1;
  }

  /** Another instance is finalizing: wait until it is done, then answer with its result. */
  private async waitForOther(id: string): Promise<RecordingEntity> {
    const deadline = Date.now() + WAIT_FOR_OTHER_MS;
    for (;;) {
      await sleep(POLL_MS);
      const row = await this.recordings.findOne({ where: { id } });
      if (!row) throw new NotFoundException(`Track ${id} not found`);
      if (row.status !== RecordingStatus.Finalizing || Date.now() > deadline) return row;
    }
  }

  private async assembleClaimed(id: string): Promise<RecordingEntity> {
    const heartbeat = setInterval(() => {
      this.recordings
        .update({ id, status: RecordingStatus.Finalizing }, { updatedAt: new Date() })
        .catch((err: unknown) => this.logger.warn(`Track ${id}: heartbeat failed: ${String(err)}`));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const track = await this.recordings.findOneOrFail({ where: { id } });
      return await this.assemble(track);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.recordings
        .update(
          { id, status: RecordingStatus.Finalizing },
          { status: RecordingStatus.Failed, error: message.slice(0, 4000) },
        )
        .catch((e: unknown) =>
          this.logger.error(`Track ${id}: could not mark failed: ${String(e)}`),
        );
      this.logger.error(`Track ${id}: finalize failed: ${message}`);
      if (err instanceof HttpException) throw err;
      const retry = 'the track is marked failed; finalize again to retry';
      if (err instanceof StorageUnavailableError)
        throw new ServiceUnavailableException(
          `Finalizing track ${id} failed: ${message}; ${retry}`,
        );
      throw new InternalServerErrorException(`Finalizing track ${id} failed: ${message}; ${retry}`);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async assemble(track: RecordingEntity): Promise<RecordingEntity> {
    const started = Date.now();
    const rate = track.sampleRate;
    const rows = await this.chunks.find({
      where: { recordingId: track.id },
      order: { seq: 'ASC' },
    });
    const { models, clocks } = await this.clockModels(track, rows);
    const planChunks: StoredPlanChunk[] = rows.map((c) => {
      const model = models.get(c.clockId);
      return {
        seq: c.seq,
        segment: c.segment,
        startSample: c.startSample,
        sampleCount: c.sampleCount,
        anchorMs: model ? toServerMs(model, c.captureMs) : null,
        key: c.storageKey,
        byteLength: c.byteLength,
        sha256: c.sha256,
      };
    });
    const plan = planAssembly(planChunks, rate);
    for (const w of plan.warnings) this.logger.warn(`Track ${track.id}: ${w}`);
    for (const g of plan.gaps)
      this.logger.warn(
        `Track ${track.id}: ${(g.samples / rate).toFixed(3)} s of silence (${g.samples} samples) at track ` +
          `sample ${g.startSample} (${(g.startSample / rate).toFixed(3)} s): ` +
          (g.reason === 'between-segments'
            ? `between segments, before segment ${g.segment}`
            : `missing chunks${g.seq !== undefined ? ` from seq ${g.seq}` : ''}`),
      );
    const used = [...models.values()];
    const fitted = fitSampleMapping(plan.anchors, rate, {
      clockSamples: used.reduce((n, m) => n + m.samplesUsed, 0),
      minRttMs: used.length ? Math.min(...used.map((m) => m.minRttMs)) : null,
    });
    const mapping: SampleTimeMapping | null = fitted ? { ...fitted, clocks } : null;
    if (!mapping && rows.length)
      this.logger.warn(`Track ${track.id}: no chunk has a clock anchor; no time mapping stored`);

    const wavKey = wavKeyOf(track);
    const body = Readable.from(
      wavBytes(plan, rate, (c) => this.storage.get(c.key)),
      { objectMode: false },
    );
    await this.storage.put(wavKey, body, { contentType: 'audio/wav' });

    const saved = await this.recordings.update(
      { id: track.id, status: RecordingStatus.Finalizing },
      {
        status: RecordingStatus.Finalized,
        wavKey,
        durationSamples: plan.durationSamples,
        gaps: plan.gaps,
        mapping,
        error: null,
        finalizedAt: new Date(),
      },
    );
    if (saved.affected !== 1) {
      // Deleted (withdrawal) while we assembled: the WAV must not outlive that.
      await this.storage.delete(wavKey).catch(() => undefined);
      throw new ConflictException(`Track ${track.id} was deleted while it was being finalized`);
    }
    await this.storage
      .deletePrefix(chunksFolder(track))
      .catch((err: unknown) =>
        this.logger.warn(`Track ${track.id}: could not delete chunk files: ${String(err)}`),
      );
    this.logger.log(
      `Track ${track.id} finalized in ${Date.now() - started} ms: ${rows.length} chunks, ` +
        `${plan.durationSamples} samples (${(plan.durationSamples / rate).toFixed(3)} s), ` +
        `${plan.gaps.length} gap(s), ${plan.segments.length} segment(s)` +
        (mapping
          ? `, drift ${mapping.driftPpm.toFixed(1)} ppm, residual rms ${mapping.rmsResidualMs.toFixed(3)} ms`
          : ', no mapping'),
    );
    return this.recordings.findOneOrFail({ where: { id: track.id } });
  }

  /** The offset model of every clock domain the track's chunks use. */
  private async clockModels(track: RecordingEntity, rows: RecordingChunkEntity[]) {
    const chunksPerClock = new Map<string, number>();
    for (const c of rows) chunksPerClock.set(c.clockId, (chunksPerClock.get(c.clockId) ?? 0) + 1);
    const clockIds = [...chunksPerClock.keys()];
    const samples = clockIds.length
      ? await this.clockSamples.find({
          where: { participantId: track.participantId, clockId: In(clockIds) },
          select: { clockId: true, clientSendMs: true, serverMs: true, clientRecvMs: true },
        })
      : [];
    const models = new Map<string, ClockOffsetModel>();
    const clocks: ClockDomainFit[] = [];
    for (const clockId of clockIds) {
      const model = estimateClockOffset(samples.filter((s) => s.clockId === clockId));
      const chunks = chunksPerClock.get(clockId)!;
      if (model) models.set(clockId, model);
      else
        this.logger.warn(
          `Track ${track.id}: clock ${clockId} has no clock samples; its ${chunks} chunk(s) have no anchor and are placed by continuity`,
        );
      clocks.push({
        clockId,
        kind: model?.kind ?? 'none',
        chunks,
        samples: model?.samplesTotal ?? 0,
        samplesUsed: model?.samplesUsed ?? 0,
        bursts: model?.bursts ?? 0,
        burstsUsed: model?.burstsUsed ?? 0,
        minRttMs: model?.minRttMs ?? null,
        offsetMs: model?.offsetMs ?? null,
        clockDriftPpm: model ? model.slope * 1e6 : null,
        refClientMs: model?.refClientMs ?? null,
      });
    }
    return { models, clocks };
  }
}
