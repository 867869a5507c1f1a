/**
 * The wizard's side panel: a clear cue while the rover carries the acorn, and the controls: the
 * arrow keys (anywhere on the page) or the on-screen arrows, the last one sent highlighted.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

import type { SessionView, StepFrame } from '../../../src/games/common/robotaxi-events';
import { Action } from '../../../src/games/robotaxi/types';
import { roundLabel } from './texts';

type MoveAction = Exclude<Action, Action.NOP>;

export const KEY_ACTIONS: Readonly<Record<string, MoveAction>> = {
  ArrowUp: Action.UP,
  ArrowRight: Action.RIGHT,
  ArrowDown: Action.DOWN,
  ArrowLeft: Action.LEFT,
};

const ARROWS: { action: MoveAction; symbol: string; name: string; area: string }[] = [
  { action: Action.UP, symbol: '↑', name: 'Up', area: 'up' },
  { action: Action.LEFT, symbol: '←', name: 'Left', area: 'left' },
  { action: Action.DOWN, symbol: '↓', name: 'Down', area: 'down' },
  { action: Action.RIGHT, symbol: '→', name: 'Right', area: 'right' },
];

const ACTION_NAME: Record<MoveAction, string> = {
  [Action.UP]: 'up',
  [Action.RIGHT]: 'right',
  [Action.DOWN]: 'down',
  [Action.LEFT]: 'left',
};

interface WizardPanelProps {
  session: SessionView;
  frame: StepFrame | null;
  /** Keys count only while the game runs. */
  enabled: boolean;
  /** Sends a key; `perfTime` is when it went down (performance.now() timebase). */
  onKey: (action: MoveAction, perfTime: number) => number | null;
  voice: ReactNode;
}

export function WizardPanel({ session, frame, enabled, onKey, voice }: WizardPanelProps) {
  const [last, setLast] = useState<MoveAction | null>(null);
  const send = (action: MoveAction, perfTime: number) => {
    if (onKey(action, perfTime) !== null) setLast(action);
  };
  useArrowKeys(enabled, send);
  const hasAcorn = frame?.view.hasAcorn ?? false;

  return (
    <aside className="play-panel" aria-label="Controls">
      <p className="play-panel__round">{roundLabel(frame?.hud ?? session)}</p>
      <p
        className={`acorn-cue${hasAcorn ? ' acorn-cue--held' : ''}`}
        data-testid="acorn-cue"
        data-held={hasAcorn}
        role="status"
      >
        {hasAcorn ? 'Carrying the acorn' : 'No acorn yet'}
      </p>

      <section className="controls" aria-labelledby="controls-heading">
        <h2 id="controls-heading">Drive the rover</h2>
        <p className="muted controls__hint">
          Use the arrow keys on your keyboard, or the buttons below.
        </p>
        <div className="controls__pad" role="group" aria-label="Arrow buttons">
          {ARROWS.map(({ action, symbol, name, area }) => (
            <button
              key={action}
              type="button"
              className={`arrow-button arrow-button--${area}${last === action ? ' arrow-button--last' : ''}`}
              data-action={ACTION_NAME[action]}
              data-last={last === action}
              aria-label={name}
              disabled={!enabled}
              onClick={(event) => send(action, event.timeStamp)}
            >
              <span aria-hidden="true">{symbol}</span>
            </button>
          ))}
        </div>
        <p className="visually-hidden" aria-live="polite">
          {last === null ? '' : `Last move: ${ACTION_NAME[last]}`}
        </p>
      </section>

      <div className="play-panel__voice">{voice}</div>
    </aside>
  );
}

/** Arrow keys anywhere on the page (not while typing in a field); key repeat is ignored. */
function useArrowKeys(enabled: boolean, send: (action: MoveAction, perfTime: number) => void) {
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = KEY_ACTIONS[event.key];
      if (action === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTextField(event.target)) return;
      event.preventDefault(); // No scrolling.
      if (event.repeat) return;
      sendRef.current(action, event.timeStamp);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio')
  );
}
