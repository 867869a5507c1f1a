import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import {
  type Ack,
  type DashboardClientToServerEvents,
  type DashboardServerToClientEvents,
  type RenderUpdate,
  type SessionUpdate,
} from '../../src/games/common/dashboard-events.js';

export type DashboardSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

interface Pushed {
  'render:update': RenderUpdate;
  'session:update': SessionUpdate;
}

/** A researcher's dashboard socket that keeps every `event` it receives, in order. */
export class DashboardWatcher<E extends keyof Pushed> {
  readonly updates: Pushed[E][] = [];
  readonly socket: DashboardSocket;

  constructor(url: string, token: string, event: E) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    this.socket.on(event as 'render:update', (update: Pushed['render:update']) =>
      this.updates.push(update as Pushed[E]),
    );
  }

  async connected(): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
    return this;
  }

  subscribe(studyId: unknown): Promise<Ack<{ studyId: string }>> {
    return this.socket
      .timeout(10_000)
      .emitWithAck('subscribe', studyId as { studyId: string }) as Promise<
      Ack<{ studyId: string }>
    >;
  }

  /**
   * An acknowledged round trip: every event the server sent this socket before answering it has
   * arrived (one connection delivers in order).
   */
  async flush(studyId: string): Promise<void> {
    expect(await this.subscribe({ studyId })).toMatchObject({ ok: true });
  }

  close(): void {
    this.socket.close();
  }
}
