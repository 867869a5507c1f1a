/**
 * The teacher's side panel: what each thing is worth, the score, the round, the time left and
 * whether the rover holds the acorn. (The teacher only ever reads about "the robot".)
 */
import type { ReactNode } from 'react';

import type { SessionView, StepFrame } from '../../../src/games/common/robotaxi-events';
import { formatSeconds } from '../../../src/games/robotaxi/render';
import { SpriteIcon, type SpriteName } from './SpriteIcon';
import { formatReward, roundLabel } from './texts';

type Rewards = NonNullable<SessionView['rewards']>;

const LEGEND: { key: keyof Rewards; sprite: SpriteName; text: string }[] = [
  { key: 'step', sprite: 'floor', text: 'Each step' },
  { key: 'bomb', sprite: 'bomb', text: 'Hitting a bomb' },
  { key: 'acorn', sprite: 'acorn', text: 'Picking up the acorn' },
  { key: 'delivery', sprite: 'squirrel', text: 'Bringing the acorn to the squirrel' },
];

interface TeacherPanelProps {
  session: SessionView;
  frame: StepFrame | null;
  /** The voice indicator. */
  voice: ReactNode;
}

export function TeacherPanel({ session, frame, voice }: TeacherPanelProps) {
  const hud = frame?.hud ?? null;
  const hasAcorn = frame?.view.hasAcorn ?? false;
  return (
    <aside className="play-panel" aria-label="Game information">
      <dl className="play-stats">
        <div className="play-stats__item">
          <dt>Round</dt>
          <dd data-testid="round">{roundLabel(hud ?? session)}</dd>
        </div>
        <div className="play-stats__item">
          <dt>Score</dt>
          <dd data-testid="score">{frame ? frame.view.score : 0}</dd>
        </div>
        <div className="play-stats__item">
          <dt>Time left</dt>
          <dd data-testid="time-left">{hud ? formatSeconds(hud.secondsLeft) : '–'}</dd>
        </div>
        <div className="play-stats__item">
          <dt>Acorn</dt>
          <dd data-testid="acorn-held" data-held={hasAcorn}>
            <span className="play-stats__acorn">
              <SpriteIcon sprite={hasAcorn ? 'rover-acorn' : 'rover'} />
              {hasAcorn ? 'The rover has the acorn' : 'Not picked up yet'}
            </span>
          </dd>
        </div>
      </dl>

      {session.rewards && (
        <section className="legend" aria-labelledby="legend-heading">
          <h2 id="legend-heading">Points</h2>
          <ul className="legend__list">
            {LEGEND.map(({ key, sprite, text }) => (
              <li key={key} className="legend__item" data-reward={key}>
                <SpriteIcon sprite={sprite} />
                <span className="legend__text">{text}</span>
                <span
                  className={`legend__value${(session.rewards?.[key] ?? 0) < 0 ? ' legend__value--minus' : ''}`}
                >
                  {formatReward(session.rewards?.[key] ?? 0)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="play-panel__voice">{voice}</div>
    </aside>
  );
}
