/** The game: the board on the left (with the pause overlay), the role's panel on the right. */
import type { ReactNode } from 'react';

import type { SessionView, StepFrame } from '../../../src/games/common/robotaxi-events';
import type { Action } from '../../../src/games/robotaxi/types';
import { GameCanvas } from './GameCanvas';
import { TeacherPanel } from './TeacherPanel';
import { useSecondsUntil } from './useServerClock';
import { WizardPanel } from './WizardPanel';

interface PlayingViewProps {
  session: SessionView;
  frame: StepFrame | null;
  sendKey: (action: Action, perfTime?: number) => number | null;
  reportRendered: (frame: StepFrame, perfNow: number) => void;
  voice: ReactNode;
}

export function PlayingView({ session, frame, sendKey, reportRendered, voice }: PlayingViewProps) {
  const paused = session.phase === 'paused';
  return (
    <div className="play-game">
      <div className="play-game__board">
        {frame ? (
          <GameCanvas frame={frame} onRendered={reportRendered} label={boardLabel(frame)} />
        ) : (
          <p className="status" role="status">
            <span className="pulse" aria-hidden="true" />
            Loading the map…
          </p>
        )}
        {paused && <PauseOverlay session={session} />}
      </div>
      {session.role === 'teacher' ? (
        <TeacherPanel session={session} frame={frame} voice={voice} />
      ) : (
        <WizardPanel
          session={session}
          frame={frame}
          enabled={session.phase === 'playing'}
          onKey={sendKey}
          voice={voice}
        />
      )}
    </div>
  );
}

function PauseOverlay({ session }: { session: SessionView }) {
  const seconds = useSecondsUntil(session.pause?.graceEndsAtMs);
  const reason = session.pause?.reason ?? null;
  let content: ReactNode;
  let announce: string;
  if (reason === 'researcher') {
    const message = session.pause?.message;
    announce = `The researcher paused the session.${message ? ` ${message}` : ''} Please wait.`;
    content = (
      <>
        The researcher paused the session.
        {message && (
          <>
            <br />
            <span data-testid="pause-message">{message}</span>
          </>
        )}
        <br />
        Please wait: it goes on when they resume it.
      </>
    );
  } else if (session.role === 'teacher') {
    // The teacher never learns that someone drives: it is "the robot" that is away.
    announce =
      reason === 'teacher-away'
        ? 'Reconnecting you to the session…'
        : 'The robot lost its connection. Waiting for it to come back…';
    content = announce;
  } else if (reason === 'teacher-away') {
    announce = "The teacher's connection dropped. Waiting for the teacher to come back.";
    content = (
      <>
        The teacher&apos;s connection dropped. Waiting up to{' '}
        <span data-testid="pause-seconds">{seconds ?? '…'}</span> s…
      </>
    );
  } else {
    announce = 'Reconnecting you to the session…';
    content = announce;
  }
  return (
    <div className="pause-overlay" data-testid="pause-overlay" data-reason={reason ?? undefined}>
      <p className="pause-overlay__text" aria-hidden="true">
        {content}
      </p>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
    </div>
  );
}

function boardLabel(frame: StepFrame): string {
  const { rover, rows, cols, hasAcorn } = frame.view;
  const heading = rover.orientation.toLowerCase();
  return (
    `Game board, ${rows} rows by ${cols} columns. The rover is at row ${rover.y + 1}, ` +
    `column ${rover.x + 1}, facing ${heading}${hasAcorn ? ', carrying the acorn' : ''}.`
  );
}
