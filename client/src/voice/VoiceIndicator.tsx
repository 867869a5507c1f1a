/**
 * A small voice status: a coloured dot with what the link is doing, and two level meters (the
 * participant's mic and the partner's audio). The meters write their level straight to the DOM
 * each animation frame (no React render): `role="meter"` with aria-valuenow 0..100, and on the
 * remote one `data-level` 0..1 with two decimals, which tests read.
 */
import { useEffect, useRef } from 'react';

import { VOICE_STATE_TEXT } from './link-state';
import { watchLevel } from './audio-level';
import { fallTowards } from './voice-level';
import type { VoiceLinkState } from './voice-link';
import './voice.css';

export interface VoiceIndicatorProps {
  state: VoiceLinkState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** The indicator's caption and accessible name (default "Voice"). */
  label?: string;
  /**
   * Caption of the remote audio's meter (default "Partner"); null shows no remote meter at all
   * (the teacher of a Wizard-of-Oz study must not learn that a person listens).
   */
  remoteCaption?: string | null;
}

export function VoiceIndicator({
  state,
  localStream,
  remoteStream,
  label = 'Voice',
  remoteCaption = 'Partner',
}: VoiceIndicatorProps) {
  return (
    <section
      className={`voice-indicator voice-indicator--${state}`}
      aria-label={label}
      data-voice-state={state}
    >
      <p className="voice-indicator__status" role="status">
        <span className="voice-indicator__dot" aria-hidden="true" />
        <span className="voice-indicator__label">{label}:</span> {VOICE_STATE_TEXT[state]}
      </p>
      <div className="voice-indicator__meters">
        <VoiceMeter which="local" caption="You" stream={localStream} />
        {remoteCaption !== null && (
          <VoiceMeter which="remote" caption={remoteCaption} stream={remoteStream} />
        )}
      </div>
    </section>
  );
}

function VoiceMeter({
  which,
  caption,
  stream,
}: {
  which: 'local' | 'remote';
  caption: string;
  stream: MediaStream | null;
}) {
  const meterRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const meter = meterRef.current;
    const bar = barRef.current;
    if (!meter || !bar) return;
    let shown = 0;
    let last = performance.now();
    let written = '';
    const show = (level: number) => {
      const now = performance.now();
      shown = fallTowards(shown, level, now - last);
      last = now;
      const text = shown.toFixed(2);
      if (text === written) return;
      written = text;
      meter.setAttribute('data-level', text);
      meter.setAttribute('aria-valuenow', String(Math.round(shown * 100)));
      bar.style.width = `${(shown * 100).toFixed(0)}%`;
    };
    show(0);
    meter.setAttribute('aria-valuetext', stream ? 'live' : 'no audio');
    if (!stream) return;
    const stop = watchLevel(stream, show);
    return () => {
      stop();
      shown = 0;
      show(0);
    };
  }, [stream]);

  return (
    <div className="voice-meter">
      <span className="voice-meter__caption" aria-hidden="true">
        {caption}
      </span>
      <div
        ref={meterRef}
        className={`voice-meter__track${stream ? '' : ' voice-meter__track--none'}`}
        role="meter"
        aria-label={which === 'local' ? 'Your microphone level' : `${caption}: audio level`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={0}
        data-voice-meter={which}
        data-level="0.00"
      >
        <div ref={barRef} className="voice-meter__bar" />
      </div>
    </div>
  );
}
