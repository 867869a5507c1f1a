/**
 * `ClockSync`: this page's estimate of the server clock, from NTP-style exchanges.
 *
 * A page load is one *clock domain* (`clockId`, a random UUID made once): every clock sample and
 * every chunk's `captureMs` is expressed in that page's `performance.now()`, and the server maps
 * them to its own clock with the samples of the same domain. The samples are handed to a sink
 * (the outbox) so that they reach the server even across an outage or a reload.
 *
 * Schedule: a first burst of 8 exchanges ~50 ms apart, then a burst of 3 every ~30 s. The
 * estimate (see `clock-estimator.ts`) uses the min-RTT samples, and a drift line once the bursts
 * span a minute. The transport is pluggable: HTTP `POST /api/clock/ping` by default; the game
 * gateway can supply one over socket.io.
 */
import type {
  ClockPingRequest,
  ClockPingResponse,
  ClockSample,
} from '../../../src/games/common/recording';
import {
  DEFAULT_ESTIMATOR_OPTIONS,
  estimateClock,
  offsetAt,
  type BurstSample,
  type ClockEstimate,
  type EstimatorOptions,
} from './clock-estimator';

export interface ClockTransport {
  /** One exchange: send `clientSendMs`, answer with the server's time when it replied. */
  ping(clientSendMs: number): Promise<{ serverMs: number }>;
}

export interface ClockSyncOptions {
  transport: ClockTransport;
  /** The page's clock domain (default: a new random UUID). */
  clockId?: string;
  /** Receives every new sample (to queue them for upload). */
  onSamples?: (samples: ClockSample[]) => void;
  firstBurst?: number;
  laterBurst?: number;
  /** Between the exchanges of one burst. */
  spacingMs?: number;
  /** Between bursts. */
  intervalMs?: number;
  /** After a burst that got no answer at all, the next burst comes sooner: this, doubling. */
  retryMs?: number;
  estimator?: EstimatorOptions;
  now?: () => number;
  /** `performance.timeOrigin`: for the fallback before any sample (the local wall clock). */
  timeOrigin?: number;
}

/** `POST /api/clock/ping` with fetch (no login needed). */
export function httpClockTransport(
  fetchFn: typeof fetch = (...args) => fetch(...args),
  url = '/api/clock/ping',
): ClockTransport {
  return {
    async ping(clientSendMs) {
      const body: ClockPingRequest = { clientSendMs };
      const response = await fetchFn(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        cache: 'no-store',
      });
      if (!response.ok) throw new Error(`Clock ping failed (${response.status})`);
      const answer = (await response.json()) as Partial<ClockPingResponse>;
      if (typeof answer.serverMs !== 'number') throw new Error('Clock ping: no serverMs');
      return { serverMs: answer.serverMs };
    },
  };
}

export class ClockSync {
  readonly clockId: string;
  readonly timeOrigin: number;
  /** Resolves after the first burst that got at least one answer. */
  readonly ready: Promise<void>;

  private transport: ClockTransport;
  private readonly onSamples?: (samples: ClockSample[]) => void;
  private readonly now: () => number;
  private readonly firstBurst: number;
  private readonly laterBurst: number;
  private readonly spacingMs: number;
  private readonly intervalMs: number;
  private readonly retryMs: number;
  private readonly estimatorOptions: EstimatorOptions;
  private readonly samplesSoFar: BurstSample[] = [];
  private estimate: ClockEstimate | null = null;
  private burst = 0;
  private failedBursts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private bursting = false;
  private resolveReady!: () => void;
  private readonly listeners = new Set<() => void>();

  constructor(options: ClockSyncOptions) {
    this.transport = options.transport;
    this.clockId = options.clockId ?? crypto.randomUUID();
    this.onSamples = options.onSamples;
    this.now = options.now ?? (() => performance.now());
    this.timeOrigin = options.timeOrigin ?? performance.timeOrigin;
    this.firstBurst = options.firstBurst ?? 8;
    this.laterBurst = options.laterBurst ?? 3;
    this.spacingMs = options.spacingMs ?? 50;
    this.intervalMs = options.intervalMs ?? 30_000;
    this.retryMs = options.retryMs ?? 2_000;
    this.estimatorOptions = options.estimator ?? DEFAULT_ESTIMATOR_OPTIONS;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Uses another transport from the next exchange on (the samples so far stay). */
  setTransport(transport: ClockTransport): void {
    this.transport = transport;
  }

  /** Starts the bursts (idempotent). */
  start(): this {
    if (this.running) return this;
    this.running = true;
    this.schedule(0);
    return this;
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs a burst now (e.g. after the network came back); no-op while one is running. */
  syncNow(): void {
    if (!this.running || this.bursting) return;
    this.schedule(0);
  }

  /**
   * Server time (Unix ms) of the instant `performanceNow` (a `performance.now()` value of this
   * page). THE function to stamp game events with. Before the first answer it falls back to the
   * local wall clock (`timeOrigin + performanceNow`); check `synced` when that matters.
   */
  serverTimeOf(performanceNow: number): number {
    if (!this.estimate) return this.timeOrigin + performanceNow;
    return performanceNow + offsetAt(this.estimate, performanceNow);
  }

  /** Server time now. */
  serverNow(): number {
    return this.serverTimeOf(this.now());
  }

  get synced(): boolean {
    return this.estimate !== null;
  }

  /** Current offset (server − performance.now(), ms); NaN before the first answer. */
  get offsetMs(): number {
    return this.estimate ? offsetAt(this.estimate, this.now()) : Number.NaN;
  }

  /** Smallest round trip among the recent samples (the offset is good to about half of it). */
  get minRttMs(): number {
    return this.estimate?.minRttMs ?? Number.NaN;
  }

  get estimateKind(): ClockEstimate['kind'] | null {
    return this.estimate?.kind ?? null;
  }

  /** Every sample so far (a copy). */
  get samples(): ClockSample[] {
    return this.samplesSoFar.map(({ clientSendMs, serverMs, clientRecvMs }) => ({
      clientSendMs,
      serverMs,
      clientRecvMs,
    }));
  }

  /** Called after each burst that changed the estimate. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a sample taken elsewhere (e.g. by a socket transport's own ping) to the estimate. */
  addSamples(samples: readonly ClockSample[]): void {
    const burst = this.burst++;
    this.accept(samples.map((sample) => ({ ...sample, burst })));
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runBurst();
    }, delayMs);
  }

  private async runBurst(): Promise<void> {
    if (!this.running || this.bursting) return;
    this.bursting = true;
    const burst = this.burst++;
    const count = this.samplesSoFar.length === 0 ? this.firstBurst : this.laterBurst;
    const taken: BurstSample[] = [];
    try {
      for (let i = 0; i < count && this.running; i++) {
        if (i > 0) await delay(this.spacingMs);
        const clientSendMs = this.now();
        try {
          const { serverMs } = await this.transport.ping(clientSendMs);
          const clientRecvMs = this.now();
          taken.push({ clientSendMs, serverMs, clientRecvMs, burst });
        } catch {
          // A lost exchange: the others of the burst may get through.
        }
      }
    } finally {
      this.bursting = false;
    }
    if (taken.length > 0) {
      this.failedBursts = 0;
      this.accept(taken);
    } else {
      this.failedBursts++;
    }
    if (!this.running) return;
    const wait =
      this.failedBursts === 0
        ? this.intervalMs
        : Math.min(this.intervalMs, this.retryMs * 2 ** (this.failedBursts - 1));
    this.schedule(wait);
  }

  private accept(samples: BurstSample[]): void {
    if (samples.length === 0) return;
    this.samplesSoFar.push(...samples);
    this.estimate = estimateClock(this.samplesSoFar, this.estimatorOptions);
    this.onSamples?.(samples.map(({ burst: _burst, ...sample }) => sample));
    this.resolveReady();
    for (const listener of this.listeners) listener();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
