/**
 * A cell rating as a face: 🙂 happy, 😐 neutral, 🙁 sad. Drawn as SVG rather than emoji so that
 * it looks the same on every computer (some have no emoji font).
 */
import type { CellRating } from '../../../src/games/common/robotaxi-events';

export const RATING_TEXT: Record<CellRating, string> = { 1: 'happy', 0: 'neutral', [-1]: 'sad' };
export const RATING_EMOJI: Record<CellRating, string> = { 1: '🙂', 0: '😐', [-1]: '🙁' };

const MOUTH: Record<CellRating, string> = {
  1: 'M7 13.5 Q12 18 17 13.5',
  0: 'M7.5 15 H16.5',
  [-1]: 'M7 16.5 Q12 12 17 16.5',
};

export function RatingFace({ rating }: { rating: CellRating }) {
  return (
    <svg
      className={`face face--${RATING_TEXT[rating]}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      data-emoji={RATING_EMOJI[rating]}
    >
      <circle cx="12" cy="12" r="10.5" className="face__head" />
      <circle cx="8.5" cy="9.5" r="1.4" className="face__eye" />
      <circle cx="15.5" cy="9.5" r="1.4" className="face__eye" />
      <path d={MOUTH[rating]} className="face__mouth" />
    </svg>
  );
}
