/**
 * What the participants read. The teacher is never told that a person drives the rover: their
 * texts speak of "the robot" or "the rover" only (this is a Wizard-of-Oz study).
 */
import type { PlayRole, SessionView } from '../../../src/games/common/robotaxi-events';
import type { EpisodeOutcome, Hud } from '../../../src/games/robotaxi/types';

export const OUTCOME_TEXT: Record<EpisodeOutcome, string> = {
  bomb: 'Boom! The rover hit a bomb.',
  delivered: 'Delivered! The squirrel got its acorn.',
  'step-limit': 'Out of time.',
};

type Countdown = NonNullable<SessionView['countdown']>;

/** "Next episode in" etc.: what the countdown leads to. */
export function countdownHeading(next: Countdown['next'], role: PlayRole): string {
  switch (next) {
    case 'episode':
      return 'Next episode starts in';
    case 'round':
      return 'Next round starts in';
    case 'feedback':
      return role === 'teacher' ? 'A few questions for you in' : 'Feedback starts in';
  }
}

/** "Practice round" or "Round 2 of 3". */
export function roundLabel(round: Pick<Hud, 'round' | 'rounds' | 'practice'>): string {
  return round.practice ? 'Practice round' : `Round ${round.round} of ${round.rounds}`;
}

/** The wizard's teacher: the same number with T (W0007 -> T0007), when the ID follows the rule. */
export function teacherIdFor(wizardId: string): string | null {
  return /^W\d+$/i.test(wizardId) ? `T${wizardId.slice(1)}` : null;
}

export function formatReward(value: number): string {
  if (value > 0) return `+${value}`;
  return value < 0 ? `\u2212${-value}` : '0';
}
