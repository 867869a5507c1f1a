/**
 * A simulated RoboTaxi participant over the real protocol (socket.io-client, real login): used
 * by the gateway's integration tests and by `bench/gateway.ts`.
 */
import { io, type Socket } from 'socket.io-client';
import type { ParticipantLoginResponse } from '../../src/games/common/api.js';
import {
  type Ack,
  type ClientToServerEvents,
  type JoinResult,
  ROBOTAXI_NAMESPACE,
  type ServerToClientEvents,
  type SessionPhase,
  type SessionView,
  type StepFrame,
} from '../../src/games/common/robotaxi-events.js';
import type { Action } from '../../src/games/robotaxi/types.js';

export type PlaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Logs a participant in and accepts the consent; returns their token. */
export async function participantToken(
  baseUrl: string,
  study: string,
  participantId: string,
): Promise<string> {
  const login = await fetch(`${baseUrl}/api/participant/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ study, participantId }),
  });
  if (login.status !== 200) throw new Error(`login ${participantId}: ${await login.text()}`);
  const { token } = (await login.json()) as ParticipantLoginResponse;
  const consent = await fetch(`${baseUrl}/api/participant/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ agree: true }),
  });
  if (consent.status >= 300) throw new Error(`consent ${participantId}: ${await consent.text()}`);
  return token;
}

export interface PlayerOptions {
  /** Called with every step frame as it arrives (before it is stored in `frames`). */
  onStep?: (frame: StepFrame, receivedMs: number) => void;
  /** Keep every frame in `frames` (default true; the bench turns it off). */
  keepFrames?: boolean;
}

/** One page of a teacher or wizard: connects, joins, and records what the server sends. */
export class Player {
  readonly socket: PlaySocket;
  session: SessionView | null = null;
  frames: StepFrame[] = [];
  lastFrame: StepFrame | null = null;
  joined: JoinResult | null = null;
  voicePeers: boolean[] = [];
  /** The last refused or failed join (e.g. not consented), for test messages. */
  joinError: string | null = null;
  private waiters: (() => void)[] = [];

  constructor(
    baseUrl: string,
    token: string,
    private readonly options: PlayerOptions = {},
  ) {
    this.socket = io(`${baseUrl}${ROBOTAXI_NAMESPACE}`, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    this.socket.on('session', (view) => {
      this.session = view;
      this.notify();
    });
    this.socket.on('step', (frame) => {
      this.options.onStep?.(frame, performance.timeOrigin + performance.now());
      if (this.options.keepFrames !== false) this.frames.push(frame);
      this.lastFrame = frame;
      this.notify();
    });
    this.socket.on('voice:peer', ({ present }) => this.voicePeers.push(present));
    // Every (re)connection joins again, as the client page does.
    this.socket.on(
      'connect',
      () =>
        void this.join().catch((error: unknown) => {
          this.joinError = error instanceof Error ? error.message : String(error);
          this.notify();
        }),
    );
  }

  async join(): Promise<JoinResult> {
    const res = (await this.emit('join', {})) as Ack<JoinResult>;
    if (!res.ok) throw new Error(`join refused: ${res.error}`);
    this.joined = res;
    // A `session` event sent after the ack was made may arrive first: keep the newer view.
    if (!this.session || res.session.serverMs >= this.session.serverMs) this.session = res.session;
    if (res.frame && (!this.lastFrame || res.frame.serverMs >= this.lastFrame.serverMs))
      this.lastFrame = res.frame;
    this.notify();
    return res;
  }

  /** Presses `action` at every step this page sees, like a wizard holding a direction key. */
  hold(action: Action): void {
    this.socket.on('step', (frame) => {
      if (!frame.done)
        void this.emit('key', { action, seq: frame.step, clientMs: Date.now() }).catch(() => {});
    });
  }

  emit<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<Ack> {
    // socket.io types emitWithAck's answer as any; every ack of this protocol is an Ack.
    const socket = this.socket.timeout(10_000) as unknown as {
      emitWithAck(e: string, p: unknown): Promise<Ack>;
    };
    return socket.emitWithAck(event, payload);
  }

  /** Resolves when `predicate` holds (checked on every event), or rejects after `timeoutMs`. */
  until(predicate: (p: this) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(
            `timed out waiting for ${what} (session ${this.session?.sessionId}, phase ${this.session?.phase}, join error ${this.joinError})`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  phase(phase: SessionPhase, timeoutMs?: number): Promise<void> {
    return this.until((p) => p.session?.phase === phase, `phase ${phase}`, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
