/** The events marked on the replay timeline, extracted from the logged steps and frames (pure). */
import { type ReplayEvent, ReplayEventKind } from './model';

/** Names of RoboTaxi actions, by `Action` value. */
export const ROBOTAXI_ACTION_NAMES = ['NOP', 'UP', 'RIGHT', 'DOWN', 'LEFT'] as const;

export const robotaxiActionName = (action: number): string =>
  ROBOTAXI_ACTION_NAMES[action] ?? `action ${action}`;

/** What event extraction needs of a RoboTaxi step, whichever log shape it came from. */
export interface StepForEvents {
  ms: number;
  step: number;
  reward: number;
  /** `StepInfo.reached` (`bomb`, `acorn`, `squirrel`) when the log has it. */
  reached: string | null;
  outcome: string | null;
  /** Key presses during the step: the action and when the key went down (server ms). */
  keys: { action: number; ms: number }[];
}

/** The reward most steps get (the per-step cost): rewards other than this one are marked. */
export function routineReward(rewards: readonly number[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestCount = 0;
  for (const reward of rewards) {
    const count = (counts.get(reward) ?? 0) + 1;
    counts.set(reward, count);
    if (count > bestCount) {
      best = reward;
      bestCount = count;
    }
  }
  return best;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * Key presses, bombs, acorns, deliveries, other rewards and the episode's end. A reward is marked
 * on its own only when it is not the routine per-step reward and no more specific event explains it.
 */
export function robotaxiEvents(
  steps: readonly StepForEvents[],
  stepReward: number | null = routineReward(steps.map((s) => s.reward)),
): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  for (const step of steps) {
    for (const key of step.keys)
      events.push({
        ms: key.ms,
        kind: ReplayEventKind.Key,
        label: `Key ${robotaxiActionName(key.action)} (step ${step.step})`,
      });
    const at = `step ${step.step}, ${signed(step.reward)}`;
    let explained = true;
    if (step.reached === 'bomb' || step.outcome === 'bomb')
      events.push({ ms: step.ms, kind: ReplayEventKind.Bomb, label: `Bomb (${at})` });
    else if (step.outcome === 'delivered')
      events.push({ ms: step.ms, kind: ReplayEventKind.Delivery, label: `Delivery (${at})` });
    else if (step.reached === 'acorn')
      events.push({ ms: step.ms, kind: ReplayEventKind.Acorn, label: `Acorn picked up (${at})` });
    else explained = false;
    if (!explained && stepReward !== null && step.reward !== stepReward)
      events.push({ ms: step.ms, kind: ReplayEventKind.Reward, label: `Reward ${at}` });
    if (step.outcome && step.outcome !== 'bomb' && step.outcome !== 'delivered')
      events.push({
        ms: step.ms,
        kind: ReplayEventKind.EpisodeEnd,
        label: `Episode ends: ${step.outcome} (step ${step.step})`,
      });
  }
  return events.sort((a, b) => a.ms - b.ms);
}

/**
 * `JOYSTICK_BITS.fire` of src/games/common/atari-frames.ts (not imported: that module brings zod
 * into the dashboard's bundle; the spec checks they agree).
 */
export const FIRE_BIT = 16;

/** What event extraction needs of an Atari frame. */
export interface FrameForEvents {
  ms: number;
  joystick: number;
  reward: number;
  lives: number | null;
  terminal: boolean;
  reset?: boolean;
  pause?: { ms: number; reason: string };
}

/** FIRE presses (the button going down), rewards, lives lost, game over, new games, pauses. */
export function atariEvents(frames: readonly FrameForEvents[]): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  let fire = false;
  let terminal = false;
  let reset = false;
  let lives: number | null = null;
  frames.forEach((f, i) => {
    const at = `frame ${i}`;
    if (f.pause)
      events.push({
        ms: f.ms,
        kind: ReplayEventKind.Pause,
        label: `Paused ${Math.round(f.pause.ms)} ms (${f.pause.reason}) before ${at}`,
      });
    const resetNow = f.reset === true;
    if (resetNow && !reset)
      events.push({ ms: f.ms, kind: ReplayEventKind.NewGame, label: `New game (RESET, ${at})` });
    reset = resetNow;
    const fireNow = (f.joystick & FIRE_BIT) !== 0;
    if (fireNow && !fire)
      events.push({ ms: f.ms, kind: ReplayEventKind.Fire, label: `FIRE (${at})` });
    fire = fireNow;
    if (f.reward !== 0)
      events.push({
        ms: f.ms,
        kind: ReplayEventKind.Reward,
        label: `Reward ${signed(f.reward)} (${at})`,
      });
    if (f.lives !== null) {
      if (lives !== null && f.lives < lives && !resetNow)
        events.push({
          ms: f.ms,
          kind: ReplayEventKind.LifeLost,
          label: `Life lost: ${f.lives} left (${at})`,
        });
      lives = f.lives;
    }
    if (f.terminal && !terminal)
      events.push({ ms: f.ms, kind: ReplayEventKind.GameOver, label: `Game over (${at})` });
    terminal = f.terminal;
  });
  return events;
}
