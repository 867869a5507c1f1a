/**
 * The keys held on the keyboard, as the joystick: arrows and space (`JOYSTICK_KEYS`), listened to
 * on `window`. The game samples `action(at)` once per frame with the frame's scheduled time: the
 * keys held AT THAT TIME, from the events' own timestamps, not whenever the frame happens to be
 * emulated. A busy page that catches up late frames thus gives each frame the input of its time
 * (a press is never moved onto a frame scheduled before it), and a tap shorter than a frame still
 * counts on the first frame after it. While attached, the joystick keys do not scroll the page or
 * press a focused button; everything held is released when the window loses focus (a key released
 * elsewhere never sends its keyup).
 */
import {
  actionOf,
  JOYSTICK_KEYS,
  keyboardJoystick,
  type AleAction,
} from '../../../src/games/atari/actions';

const KEYS: ReadonlySet<string> = new Set(Object.values(JOYSTICK_KEYS));

/** `KeyboardEvent.key` of the joystick key an event names ('Spacebar' in old browsers). */
function joystickKey(event: KeyboardEvent): string | null {
  const key = event.key === 'Spacebar' ? ' ' : event.key;
  return KEYS.has(key) ? key : null;
}

interface KeyChange {
  /** `performance.now()` time of the event. */
  at: number;
  key: string;
  down: boolean;
}

export class JoystickKeys {
  /** The keys held as of the last sample. */
  private readonly held = new Set<string>();
  /** Changes not yet sampled, in event order. */
  private changes: KeyChange[] = [];
  private target: Window | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  attach(target: Window = window): this {
    if (this.target) return this;
    this.target = target;
    target.addEventListener('keydown', this.onKeyDown);
    target.addEventListener('keyup', this.onKeyUp);
    target.addEventListener('blur', this.release);
    return this;
  }

  detach(): void {
    const target = this.target;
    if (!target) return;
    target.removeEventListener('keydown', this.onKeyDown);
    target.removeEventListener('keyup', this.onKeyUp);
    target.removeEventListener('blur', this.release);
    this.target = null;
    this.release();
  }

  /**
   * The ALE action of the keys held at `at` (`performance.now()` time; default: now). Times must
   * not go backwards between calls. A key pressed and released since the previous call counts as
   * held (so that no press is lost).
   */
  action(at: number = this.now()): AleAction {
    const pressed = new Set<string>();
    let applied = 0;
    for (const change of this.changes) {
      if (change.at > at) break;
      if (change.down) {
        this.held.add(change.key);
        pressed.add(change.key);
      } else {
        this.held.delete(change.key);
      }
      applied++;
    }
    this.changes = this.changes.slice(applied);
    return actionOf(keyboardJoystick(new Set([...this.held, ...pressed])));
  }

  readonly release = (): void => {
    this.held.clear();
    this.changes = [];
  };

  /** The event's time on the `performance.now()` clock (its `timeStamp`, unless implausible). */
  private timeOf(event: Event): number {
    const now = this.now();
    const stamp = event.timeStamp;
    return Number.isFinite(stamp) && stamp > 0 && stamp <= now ? stamp : now;
  }

  private record(key: string, down: boolean, event: Event): void {
    const last = this.changes.at(-1);
    // Events are handled in order; keep the queue ordered even if a timestamp is off.
    const at = Math.max(this.timeOf(event), last?.at ?? -Infinity);
    this.changes.push({ at, key, down });
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const key = joystickKey(event);
    if (!key || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    this.record(key, true, event);
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    const key = joystickKey(event);
    if (!key) return;
    event.preventDefault();
    this.record(key, false, event);
  };
}
