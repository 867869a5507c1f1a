import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ParticipantStatus } from '../../games/common/api.js';
import { ParticipantEntity } from './participant.entity.js';

/** How long the guard trusts a participant's status read from the database. */
export const PARTICIPANT_STATUS_TTL_MS = 2_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  /** `null`: the participant no longer exists. */
  status: Promise<ParticipantStatus | null>;
  at: number;
}

/**
 * The auth guard's view of participant statuses, read from the database at most once per
 * participant every `PARTICIPANT_STATUS_TTL_MS`. A participant's every request (an audio chunk a
 * second per track, clock samples, game events) would otherwise cost one more database round trip,
 * which on a small machine was the difference between 25 ms and 500 ms median chunk
 * acknowledgements at 200 recording tracks (BENCHMARKS.md). A change made through this process
 * (withdrawal, deletion) applies at once; one made through another API instance within the TTL.
 */
@Injectable()
export class ParticipantStatusCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(id: string) => void>();

  constructor(
    @InjectRepository(ParticipantEntity)
    private readonly participants: Repository<ParticipantEntity>,
  ) {}

  /** The participant's current status, or `null` when they no longer exist. */
  status(id: string, now = Date.now()): Promise<ParticipantStatus | null> {
    const hit = this.entries.get(id);
    if (hit && now - hit.at < PARTICIPANT_STATUS_TTL_MS) return hit.status;
    const status = this.participants
      .findOne({ where: { id }, select: { id: true, status: true } })
      .then((row) => row?.status ?? null);
    // A failed read is not remembered: the next request asks the database again.
    status.catch(() => this.entries.delete(id));
    if (this.entries.size >= MAX_ENTRIES) this.evictExpired(now);
    this.entries.set(id, { status, at: now });
    return status;
  }

  /** Forget a participant whose status just changed (or who was deleted), and say so. */
  invalidate(id: string): void {
    this.entries.delete(id);
    for (const listener of this.listeners) listener(id);
  }

  /**
   * Calls `listener` with the id of every participant whose status changes through this process,
   * e.g. so that the socket gateways close a withdrawn participant's connections (an HTTP request
   * is refused by the guard anyway). Returns the unsubscribe function.
   */
  onChange(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private evictExpired(now: number): void {
    for (const [id, entry] of this.entries)
      if (now - entry.at >= PARTICIPANT_STATUS_TTL_MS) this.entries.delete(id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}
