/**
 * The keys held on the keyboard, as the joystick: arrows and space (`JOYSTICK_KEYS`), listened to
 * on `window`. The game samples `action()` once per frame: the keys held at that moment. While
 * attached, the joystick keys do not scroll the page or press a focused button; everything held
 * is released when the window loses focus (a key released elsewhere never sends its keyup).
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

export class JoystickKeys {
  private readonly held = new Set<string>();
  private target: Window | null = null;

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
    this.held.clear();
  }

  /** The ALE action of the keys held now. */
  action(): AleAction {
    return actionOf(keyboardJoystick(this.held));
  }

  readonly release = (): void => {
    this.held.clear();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const key = joystickKey(event);
    if (!key || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    this.held.add(key);
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    const key = joystickKey(event);
    if (!key) return;
    event.preventDefault();
    this.held.delete(key);
  };
}
