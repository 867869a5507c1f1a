import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { RenderUpdate } from '../../../src/games/common/dashboard-events';
import { type DashboardSocket, RealtimeConnection } from './connection';

type Handler = (...args: unknown[]) => void;

/** The parts of a socket.io-client socket the connection uses, driven by the test. */
class FakeSocket {
  connected = false;
  active = false;
  handshakes: object[] = [];
  emitted: { event: string; payload: unknown; ack: Handler }[] = [];
  private handlers = new Map<string, Handler[]>();

  constructor(private readonly auth: (cb: (data: object) => void) => void) {}

  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  connect() {
    this.active = true;
    this.auth((data) => this.handshakes.push(data));
    return this;
  }
  disconnect() {
    const was = this.active;
    this.active = false;
    this.connected = false;
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }
  emit(event: string, payload: unknown, ack: Handler) {
    this.emitted.push({ event, payload, ack });
    return this;
  }

  accept() {
    this.connected = true;
    this.fire('connect');
  }
  refuse(message: string) {
    this.active = false;
    this.fire('connect_error', new Error(message));
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
}

const update = (over: Partial<RenderUpdate> = {}): RenderUpdate => ({
  renderId: 'r1',
  episodeId: 'e1',
  studyId: 's1',
  status: 'rendering',
  framesWritten: 10,
  framesTotal: 100,
  error: null,
  ...over,
});

describe('RealtimeConnection', () => {
  let token: string | null;
  let socket: FakeSocket | undefined;
  let storageChanged: (() => void) | undefined;
  let connection: RealtimeConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    token = 'token-1';
    socket = undefined;
    connection = new RealtimeConnection({
      createSocket: (auth) => {
        socket = new FakeSocket(auth);
        return socket as unknown as DashboardSocket;
      },
      getToken: () => token,
      lingerMs: 1000,
      watchStorage: (onChange) => {
        storageChanged = onChange;
        return () => (storageChanged = undefined);
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects with the token while someone listens, and disconnects a moment after the last leaves', () => {
    expect(connection.getStatus()).toEqual({ state: 'idle' });
    const releaseA = connection.acquire();
    const releaseB = connection.acquire();
    expect(socket!.handshakes).toEqual([{ token: 'token-1' }]);
    expect(connection.getStatus()).toEqual({ state: 'connecting' });
    socket!.accept();
    expect(connection.getStatus()).toEqual({ state: 'connected' });

    releaseA();
    releaseA(); // twice is once
    vi.advanceTimersByTime(5000);
    expect(socket!.active).toBe(true);
    releaseB();
    // A page change mounts the next listener within the linger: no reconnect.
    const releaseC = connection.acquire();
    vi.advanceTimersByTime(5000);
    expect(socket!.active).toBe(true);
    expect(socket!.handshakes).toHaveLength(1);
    releaseC();
    vi.advanceTimersByTime(1000);
    expect(socket!.active).toBe(false);
    expect(connection.getStatus()).toEqual({ state: 'idle' });
    expect(storageChanged).toBeUndefined();
  });

  it('does not connect without a token, and connects once one appears', () => {
    token = null;
    connection.acquire();
    expect(socket).toBeUndefined();
    token = 'token-2';
    storageChanged!();
    expect(socket!.handshakes).toEqual([{ token: 'token-2' }]);
  });

  it('waits for a new token after a refused handshake, then reconnects with it', () => {
    connection.acquire();
    socket!.refuse('Your session has expired: log in again');
    expect(connection.getStatus()).toEqual({
      state: 'refused',
      reason: 'Your session has expired: log in again',
    });
    token = 'token-2';
    storageChanged!();
    expect(socket!.handshakes).toEqual([{ token: 'token-1' }, { token: 'token-2' }]);
    socket!.accept();
    expect(connection.getStatus()).toEqual({ state: 'connected' });
  });

  it('reconnects with the new token when another researcher signs in, and closes on sign-out', () => {
    connection.acquire();
    socket!.accept();
    storageChanged!(); // same token: nothing to do
    expect(socket!.handshakes).toHaveLength(1);
    token = 'token-2';
    storageChanged!();
    expect(socket!.handshakes).toEqual([{ token: 'token-1' }, { token: 'token-2' }]);
    token = null;
    storageChanged!();
    expect(socket!.active).toBe(false);
    expect(connection.getStatus()).toEqual({ state: 'idle' });
  });

  it('fans render updates out and tells listeners about every (re)connect', () => {
    connection.acquire();
    const seen: RenderUpdate[] = [];
    const connects = vi.fn();
    const off = connection.onRenderUpdate((u) => seen.push(u));
    connection.onConnect(connects);
    socket!.accept();
    socket!.fire('render:update', update());
    off();
    socket!.fire('render:update', update({ framesWritten: 20 }));
    expect(seen).toEqual([update()]);
    socket!.fire('disconnect', 'transport close');
    expect(connection.getStatus()).toEqual({ state: 'offline', reason: 'transport close' });
    socket!.accept();
    expect(connects).toHaveBeenCalledTimes(2);
  });

  it('fans session updates out to their own listeners', () => {
    connection.acquire();
    const sessions: unknown[] = [];
    const renders: unknown[] = [];
    const off = connection.onSessionUpdate((u) => sessions.push(u));
    connection.onRenderUpdate((u) => renders.push(u));
    socket!.accept();
    socket!.fire('session:update', { sessionId: 'x', step: 1 });
    off();
    socket!.fire('session:update', { sessionId: 'x', step: 2 });
    expect(sessions).toEqual([{ sessionId: 'x', step: 1 }]);
    expect(renders).toEqual([]);
  });

  it('subscribes to extra studies now and after every reconnect, and forgets refused ones', () => {
    connection.acquire();
    connection.subscribeStudies(['s1']);
    expect(socket!.emitted).toEqual([]);
    socket!.accept();
    connection.subscribeStudies(['s1', 's2']);
    expect(socket!.emitted.map((e) => e.payload)).toEqual([{ studyId: 's1' }, { studyId: 's2' }]);
    socket!.emitted[1].ack({ ok: false, error: 'Study s2 not found' });
    socket!.emitted = [];
    socket!.accept();
    expect(socket!.emitted.map((e) => e.payload)).toEqual([{ studyId: 's1' }]);
  });
});
