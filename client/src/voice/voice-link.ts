/**
 * The live audio between a session's teacher and wizard, whatever carries it: WebRTC peer to peer
 * (`webrtc-link.ts`, signaling over the game socket) or a Twilio Video room (`twilio-link.ts`).
 * Pages use it through `useVoiceLink` and show it with `VoiceIndicator`.
 */

/**
 * idle: not started (no session yet, or voice is off) · connecting: negotiating, or waiting for the
 * partner · connected: audio can flow both ways the study allows · disconnected: the connection
 * dropped and is being retried · failed: it could not be (re)established; a new attempt follows
 * when the partner reloads or reconnects · closed: ended by this page.
 */
export type VoiceLinkState =
  'idle' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

export interface VoiceLink {
  readonly state: VoiceLinkState;
  /** The partner's audio (null until it arrives, and when the partner sends none). */
  readonly remoteStream: MediaStream | null;
  /** Called after every change of `state` or `remoteStream`; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Hangs up, releases the connection and removes the audio element. Idempotent. */
  close(): void;
}

/**
 * The mutable side of a link: state, remote stream, listeners. Both links keep one and expose it
 * read-only; `set` notifies only on a real change.
 */
export class LinkStore {
  state: VoiceLinkState = 'connecting';
  remoteStream: MediaStream | null = null;
  private readonly listeners = new Set<() => void>();

  set(change: { state?: VoiceLinkState; remoteStream?: MediaStream | null }): void {
    let changed = false;
    if (change.state !== undefined && change.state !== this.state) {
      this.state = change.state;
      changed = true;
    }
    if (change.remoteStream !== undefined && change.remoteStream !== this.remoteStream) {
      this.remoteStream = change.remoteStream;
      changed = true;
    }
    if (changed) for (const listener of [...this.listeners]) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
