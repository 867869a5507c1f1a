/** The screens between the games: instructions, game over, thank you, ended. */
import type { ReactNode } from 'react';

import type { AtariSessionView } from '../../../src/games/common/atari-session';
import { CompletionCode } from '../components/CompletionCode';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextBlock } from '../components/TextBlock';
import { describeError } from '../errors';
import { safeUrl } from '../play/PhaseViews';
import type { EpisodeResult } from './episode-runner';
import type { PlayPhase } from './flow-step';

interface StartProps {
  /** The click that starts the next game (a user gesture: audio may start). */
  onStart: () => void;
  starting: boolean;
  error: unknown;
}

function StartButton({ label, onStart, starting, error }: StartProps & { label: string }) {
  return (
    <>
      {error !== null && error !== undefined && <ErrorAlert error={describeError(error)} />}
      <div className="actions actions--end">
        {starting && (
          <p className="status status--waiting" role="status">
            <span className="pulse" aria-hidden="true" />
            Loading the game…
          </p>
        )}
        <button type="button" className="button" disabled={starting} onClick={onStart}>
          {label}
        </button>
      </div>
    </>
  );
}

export function InstructionsView({
  heading,
  text,
  button,
  children,
  ...start
}: StartProps & { heading: string; text: string; button: string; children?: ReactNode }) {
  return (
    <section className="atari-step" aria-labelledby="instructions-heading">
      <h1 id="instructions-heading">{heading}</h1>
      {text.trim() && <TextBlock text={text} className="atari-instructions" />}
      {children}
      <p className="muted">
        Move with the <kbd>arrow keys</kbd>, fire with the <kbd>space bar</kbd>. We record your
        voice and the game’s sound while you play.
      </p>
      <StartButton label={button} {...start} />
    </section>
  );
}

export function GameOverView({
  phase,
  last,
  timeLeft,
  ...start
}: StartProps & { phase: PlayPhase; last: EpisodeResult | null; timeLeft: string }) {
  return (
    <section className="atari-step" aria-labelledby="game-over-heading">
      <h1 id="game-over-heading">{last ? 'Game over' : 'Welcome back'}</h1>
      {last && (
        <p className="atari-step__score" data-testid="atari-last-score">
          Your score: <strong>{last.score}</strong>
        </p>
      )}
      <p className="lead">
        {phase === 'practice'
          ? `You have ${timeLeft} of practice left. Start a new game to go on practising.`
          : `You have ${timeLeft} of playing time left. Start a new game to go on.`}
      </p>
      <StartButton label="New game" {...start} />
    </section>
  );
}

export function CompleteView({ completion }: { completion: AtariSessionView['completion'] }) {
  const code = completion?.code ?? null;
  const redirectUrl = safeUrl(completion?.redirectUrl ?? null);
  return (
    <section className="atari-step" aria-labelledby="complete-heading">
      <h1 id="complete-heading">Thank you!</h1>
      <p className="lead">
        The session is complete and everything is saved. Thank you for taking part.
      </p>
      {code && <CompletionCode code={code} />}
      {redirectUrl && (
        <div className="actions">
          <a href={redirectUrl} className="button" data-testid="completion-continue">
            Continue
          </a>
        </div>
      )}
      {!code && !redirectUrl && <p className="muted">You may close this window now.</p>}
    </section>
  );
}

export function AbortedView() {
  return (
    <section className="atari-step" aria-labelledby="aborted-heading">
      <h1 id="aborted-heading">The session has ended.</h1>
      <p className="muted">You may close this window now, or ask the researcher what to do next.</p>
    </section>
  );
}
