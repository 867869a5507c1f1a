import { describe, expect, it } from 'vitest';

import { linkStateOfPeer, linkStateOfRoom, reportedState, VOICE_STATE_TEXT } from './link-state';
import { rejoinDelayMs } from './twilio-link';
import { LinkStore, type VoiceLinkState } from './voice-link';

describe('linkStateOfPeer', () => {
  it('maps every RTCPeerConnection state; new counts as connecting', () => {
    const states: RTCPeerConnectionState[] = [
      'new',
      'connecting',
      'connected',
      'disconnected',
      'failed',
      'closed',
    ];
    expect(states.map(linkStateOfPeer)).toEqual([
      'connecting',
      'connecting',
      'connected',
      'disconnected',
      'failed',
      'closed',
    ]);
  });
});

describe('linkStateOfRoom', () => {
  it('is connected only when the partner is in the room', () => {
    expect(linkStateOfRoom('connected', true)).toBe('connected');
    expect(linkStateOfRoom('connected', false)).toBe('connecting');
    expect(linkStateOfRoom('reconnecting', true)).toBe('disconnected');
    expect(linkStateOfRoom('disconnected', true)).toBe('failed');
  });
});

describe('reportedState', () => {
  it('speaks the server’s RTCPeerConnection vocabulary', () => {
    const all: VoiceLinkState[] = [
      'idle',
      'connecting',
      'connected',
      'disconnected',
      'failed',
      'closed',
    ];
    expect(all.map(reportedState)).toEqual([
      'new',
      'connecting',
      'connected',
      'disconnected',
      'failed',
      'closed',
    ]);
    for (const state of all) expect(VOICE_STATE_TEXT[state]).toMatch(/^Voice|Connecting voice/);
  });
});

describe('rejoinDelayMs', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(rejoinDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});

describe('LinkStore', () => {
  it('notifies on real changes only, until unsubscribed or cleared', () => {
    const store = new LinkStore();
    let calls = 0;
    const off = store.onChange(() => calls++);
    store.set({ state: 'connecting' });
    expect(calls).toBe(0);
    store.set({ state: 'connected' });
    store.set({ remoteStream: null });
    expect(calls).toBe(1);
    expect(store.state).toBe('connected');
    off();
    store.set({ state: 'failed' });
    expect(calls).toBe(1);
    store.onChange(() => calls++);
    store.clear();
    store.set({ state: 'closed' });
    expect(calls).toBe(1);
  });
});
