/**
 * The dashboard's live channel: one socket.io connection to the `/dashboard` namespace, shared by
 * every component that listens (no provider needed). It connects while at least one listener is
 * mounted (and a researcher is signed in), stays a moment after the last one leaves so that a
 * page change does not reconnect, and disconnects after that (logging out unmounts them all).
 *
 * The handshake reads the researcher token again on every (re)connect; a refused handshake (an
 * expired or invalid token) waits for a new token: `tokenChanged()` is called when localStorage
 * changes in another tab and whenever a listener mounts.
 */
import type { Socket } from 'socket.io-client';

import {
  type DashboardClientToServerEvents,
  type DashboardServerToClientEvents,
  type RenderUpdate,
  type SessionUpdate,
} from '../../../src/games/common/dashboard-events';

export type DashboardSocket = Socket<DashboardServerToClientEvents, DashboardClientToServerEvents>;

export type RealtimeStatus =
  /** Nobody listens, or nobody is signed in. */
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'connected' }
  /** The connection dropped; socket.io is retrying. */
  | { state: 'offline'; reason: string }
  /** The server refused the handshake (e.g. the token expired); waits for a new token. */
  | { state: 'refused'; reason: string };

export interface RealtimeDeps {
  /** A socket that is not connected yet, whose handshake `auth` calls `auth` each time. */
  createSocket: (auth: (cb: (data: object) => void) => void) => DashboardSocket;
  getToken: () => string | null;
  /** How long the connection stays after the last listener left. */
  lingerMs?: number;
  /** Calls `onChange` when the stored session may have changed (another tab); returns a remover. */
  watchStorage?: (onChange: () => void) => () => void;
}

type Listener<T> = (value: T) => void;

const DEFAULT_LINGER_MS = 2_000;

export class RealtimeConnection {
  private socket: DashboardSocket | null = null;
  private refs = 0;
  private lingerTimer: ReturnType<typeof setTimeout> | null = null;
  private unwatchStorage: (() => void) | null = null;
  /** The token of the last handshake. */
  private usedToken: string | null = null;
  private status: RealtimeStatus = { state: 'idle' };
  private readonly studies = new Set<string>();
  private readonly renderListeners = new Set<Listener<RenderUpdate>>();
  private readonly sessionListeners = new Set<Listener<SessionUpdate>>();
  private readonly connectListeners = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();

  constructor(private readonly deps: RealtimeDeps) {}

  /** Keeps the connection open until the returned function is called. */
  acquire(): () => void {
    this.refs += 1;
    if (this.lingerTimer !== null) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = null;
    }
    this.unwatchStorage ??= this.deps.watchStorage?.(() => this.tokenChanged()) ?? null;
    this.tokenChanged();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.refs -= 1;
      if (this.refs > 0) return;
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = null;
        if (this.refs === 0) this.close();
      }, this.deps.lingerMs ?? DEFAULT_LINGER_MS);
    };
  }

  /** (Re)connects when the token differs from the handshake's, or disconnects when it is gone. */
  tokenChanged(): void {
    if (this.refs === 0) return;
    const token = this.deps.getToken();
    if (!token) {
      this.disconnect();
      return;
    }
    const socket = this.ensureSocket();
    if (socket.active && token === this.usedToken) return;
    if (socket.active) socket.disconnect();
    this.setStatus({ state: 'connecting' });
    socket.connect();
  }

  /** Receives the events of these studies too (e.g. one created after the connection opened). */
  subscribeStudies(studyIds: readonly string[]): void {
    for (const id of studyIds) {
      if (this.studies.has(id)) continue;
      this.studies.add(id);
      if (this.socket?.connected) this.sendSubscribe(this.socket, id);
    }
  }

  onRenderUpdate(listener: Listener<RenderUpdate>): () => void {
    this.renderListeners.add(listener);
    return () => this.renderListeners.delete(listener);
  }

  onSessionUpdate(listener: Listener<SessionUpdate>): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /** Called on every (re)connect: events sent meanwhile were missed, refetch what is shown. */
  onConnect(listener: () => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  /** For `useSyncExternalStore`. */
  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  getStatus = (): RealtimeStatus => this.status;

  private ensureSocket(): DashboardSocket {
    if (this.socket) return this.socket;
    const socket = this.deps.createSocket((cb) => {
      this.usedToken = this.deps.getToken();
      cb({ token: this.usedToken });
    });
    socket.on('connect', () => {
      this.setStatus({ state: 'connected' });
      for (const id of this.studies) this.sendSubscribe(socket, id);
      for (const listener of [...this.connectListeners]) listener();
    });
    socket.on('connect_error', (error) => {
      // Not active: the server refused the handshake and socket.io will not retry by itself.
      this.setStatus(
        socket.active
          ? { state: 'offline', reason: error.message }
          : { state: 'refused', reason: error.message },
      );
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return; // ours: the status is set already
      this.setStatus({ state: 'offline', reason });
      // The server closed it (socket.io does not retry that): try once; a refusal says why.
      if (!socket.active && this.refs > 0) socket.connect();
    });
    socket.on('render:update', (update) => {
      for (const listener of [...this.renderListeners]) listener(update);
    });
    socket.on('session:update', (update) => {
      for (const listener of [...this.sessionListeners]) listener(update);
    });
    this.socket = socket;
    return socket;
  }

  private sendSubscribe(socket: DashboardSocket, studyId: string): void {
    socket.emit('subscribe', { studyId }, (answer) => {
      // Not (or no longer) visible: do not ask again on every reconnect.
      if (!answer.ok) this.studies.delete(studyId);
    });
  }

  private disconnect(): void {
    if (this.socket?.active) this.socket.disconnect();
    this.usedToken = null;
    this.setStatus({ state: 'idle' });
  }

  private close(): void {
    this.disconnect();
    this.unwatchStorage?.();
    this.unwatchStorage = null;
  }

  private setStatus(status: RealtimeStatus): void {
    const same =
      status.state === this.status.state &&
      ('reason' in status ? status.reason : undefined) ===
        ('reason' in this.status ? this.status.reason : undefined);
    if (same) return;
    this.status = status;
    for (const listener of [...this.statusListeners]) listener();
  }
}
