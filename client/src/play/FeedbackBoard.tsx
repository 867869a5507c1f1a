/**
 * The wizard's feedback after the last round, on the map's grid (walls shown, items not):
 * 1. "Draw the best path" from the start cell, one neighbouring cell per click (clicking the
 *    path's last cell takes it back); 2. "Rate every cell" (neutral -> happy -> sad).
 */
import { useMemo, useState } from 'react';

import type {
  Ack,
  CellRating,
  WizardFeedbackPayload,
} from '../../../src/games/common/robotaxi-events';
import type { Position } from '../../../src/games/robotaxi/types';
import { ErrorAlert } from '../components/ErrorAlert';
import {
  cellKey,
  clickPath,
  cycleRating,
  emptyRatings,
  initialPath,
  pathClickEffect,
  pathSteps,
  ratingsForSubmit,
  sameCell,
  undoPath,
  wallSet,
  type Board,
} from './feedback-path';
import { RATING_TEXT, RatingFace } from './RatingFace';

type Mode = 'path' | 'rate';

interface FeedbackBoardProps {
  board: Board;
  onSubmit: (payload: WizardFeedbackPayload) => Promise<Ack>;
}

export function FeedbackBoard({ board, onSubmit }: FeedbackBoardProps) {
  const walls = useMemo(() => wallSet(board), [board]);
  const [mode, setMode] = useState<Mode>('path');
  const [path, setPath] = useState<readonly Position[]>(() => initialPath(board));
  const [ratings, setRatings] = useState<CellRating[][]>(() => emptyRatings(board));
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const steps = useMemo(() => pathSteps(path), [path]);
  const end = path[path.length - 1] ?? board.start;

  const onCell = (cell: Position) => {
    setError(null);
    if (mode === 'path') setPath((current) => clickPath(board, current, cell, walls));
    else setRatings((current) => cycleRating(board, current, cell, walls));
  };

  const submit = async () => {
    if (submitting) return;
    if (path.length < 2) {
      setError('Draw the best path first: click the cells the rover should drive through.');
      setMode('path');
      return;
    }
    setSubmitting(true);
    setError(null);
    const payload: WizardFeedbackPayload = {
      path: path.map(({ x, y }) => ({ x, y })),
      ratings: ratingsForSubmit(board, ratings),
    };
    if (comment.trim()) payload.comment = comment.trim();
    const answer = await onSubmit(payload);
    setSubmitting(false);
    if (!answer.ok) setError(answer.error);
  };

  const rows = Array.from({ length: board.rows }, (_, y) => y);
  const cols = Array.from({ length: board.cols }, (_, x) => x);
  return (
    <section className="feedback" aria-labelledby="feedback-heading">
      <h1 id="feedback-heading">Your feedback</h1>
      <p className="lead">
        Show us how you think the rover should have driven, and how good each place on the map is.
      </p>

      <fieldset className="feedback__modes">
        <legend className="visually-hidden">What to do on the map</legend>
        <label className={`mode-option${mode === 'path' ? ' mode-option--active' : ''}`}>
          <input
            type="radio"
            name="feedback-mode"
            value="path"
            checked={mode === 'path'}
            onChange={() => setMode('path')}
          />
          1. Draw the best path
        </label>
        <label className={`mode-option${mode === 'rate' ? ' mode-option--active' : ''}`}>
          <input
            type="radio"
            name="feedback-mode"
            value="rate"
            checked={mode === 'rate'}
            onChange={() => setMode('rate')}
          />
          2. Rate every cell
        </label>
      </fieldset>

      <p className="feedback__hint" id="feedback-hint">
        {mode === 'path' ? (
          'Start at the marked cell (S). Click a neighbouring cell to go there; click the last cell again to take it back.'
        ) : (
          <>
            Click a cell to rate it: once for happy <RatingFace rating={1} /> (a good place), twice
            for sad <RatingFace rating={-1} /> (a bad place), three times for neutral{' '}
            <RatingFace rating={0} /> again.
          </>
        )}
      </p>

      <div
        className="fb-grid"
        role="group"
        aria-label="Map"
        aria-describedby="feedback-hint"
        data-mode={mode}
        style={{ gridTemplateColumns: `repeat(${board.cols}, minmax(0, 3rem))` }}
      >
        {rows.map((y) =>
          cols.map((x) => {
            const cell = { x, y };
            const key = cellKey(cell);
            const wall = walls.has(key);
            const onPath = steps.get(key);
            const isStart = sameCell(cell, board.start);
            const isEnd = sameCell(cell, end);
            const rating = ratings[y]?.[x] ?? 0;
            const where = `Row ${y + 1}, column ${x + 1}`;
            if (wall) {
              return (
                <button
                  key={key}
                  type="button"
                  className="fb-cell fb-cell--wall"
                  data-cell={key}
                  data-wall="true"
                  aria-label={`${where}: wall`}
                  disabled
                />
              );
            }
            const clickable =
              mode === 'rate' || pathClickEffect(board, path, cell, walls) !== 'none';
            const classes = ['fb-cell'];
            if (onPath) classes.push('fb-cell--path');
            if (isStart) classes.push('fb-cell--start');
            if (isEnd) classes.push('fb-cell--end');
            if (mode === 'path' && clickable) classes.push('fb-cell--next');
            if (mode === 'rate') classes.push(`fb-cell--${RATING_TEXT[rating]}`);
            return (
              <button
                key={key}
                type="button"
                className={classes.join(' ')}
                data-cell={key}
                data-on-path={onPath ? 'true' : undefined}
                data-rating={rating}
                aria-label={cellLabel(where, mode, isStart, isEnd, onPath, rating)}
                aria-disabled={!clickable || undefined}
                onClick={() => onCell(cell)}
              >
                {mode === 'rate' ? (
                  <RatingFace rating={rating} />
                ) : (
                  <span aria-hidden="true">
                    {isStart ? 'S' : onPath ? onPath[onPath.length - 1] : ''}
                  </span>
                )}
              </button>
            );
          }),
        )}
      </div>

      <p className="muted" role="status" data-testid="path-length">
        Path: {path.length - 1} {path.length - 1 === 1 ? 'step' : 'steps'}
      </p>
      {mode === 'path' && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={path.length < 2}
            onClick={() => setPath((current) => undoPath(current))}
          >
            Undo
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={path.length < 2}
            onClick={() => setPath(initialPath(board))}
          >
            Clear path
          </button>
        </div>
      )}

      <div className="field feedback__comment">
        <label htmlFor="feedback-comment">Anything else? (optional)</label>
        <textarea
          id="feedback-comment"
          rows={3}
          maxLength={5000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>

      {error && <ErrorAlert error={{ message: error }} />}
      <div className="actions actions--end">
        <button
          type="button"
          className="button"
          disabled={submitting}
          onClick={() => void submit()}
        >
          Submit feedback
        </button>
      </div>
    </section>
  );
}

function cellLabel(
  where: string,
  mode: Mode,
  isStart: boolean,
  isEnd: boolean,
  onPath: number[] | undefined,
  rating: CellRating,
): string {
  if (mode === 'rate') return `${where}: ${RATING_TEXT[rating]}`;
  const parts: string[] = [];
  if (isStart) parts.push('start');
  if (onPath) parts.push(`on the path (step ${onPath.join(', ')})`);
  if (isEnd && onPath && onPath.length > 0 && !isStart) parts.push('end of the path');
  return parts.length > 0 ? `${where}: ${parts.join(', ')}` : where;
}
