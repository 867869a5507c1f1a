import { describe, expect, it } from 'vitest';
import type { CellRating } from '../../games/common/robotaxi-events.js';
import { checkDebrief, checkWizardFeedback, type FeedbackBoard } from './feedback-check.js';

const board: FeedbackBoard = {
  rows: 4,
  cols: 4,
  walls: [
    { x: 0, y: 0 },
    { x: 2, y: 1 },
  ],
  start: { x: 1, y: 1 },
};
const ratings = (rows = 4, cols = 4): CellRating[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, (): CellRating => 0));

describe('checkWizardFeedback', () => {
  it('accepts a path of orthogonal moves from the start', () => {
    const path = [
      { x: 1, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: 2 },
      { x: 1, y: 2 },
    ];
    expect(checkWizardFeedback(board, { path, ratings: ratings() })).toEqual([]);
  });

  it('names every problem: start, jump, wall, outside, rating shape', () => {
    const problems = checkWizardFeedback(board, {
      path: [
        { x: 1, y: 2 },
        { x: 2, y: 1 },
        { x: 5, y: 1 },
      ],
      ratings: ratings(3, 4).map((r, i) => (i === 1 ? r.slice(1) : r)),
    });
    expect(problems).toEqual([
      'path.0: must be the start cell (1,1)',
      'path.1: (2,1) is a wall',
      'path.1: (2,1) is not next to (1,2)',
      'path.2: (5,1) is outside the 4×4 map',
      'path.2: (5,1) is not next to (2,1)',
      'ratings: needs 4 rows, found 3',
      'ratings.1: needs 4 cells, found 3',
    ]);
  });
});

describe('checkDebrief', () => {
  it('refuses answers to questions the study does not ask', () => {
    const questions = [{ id: 'strategy' }, { id: 'comments' }];
    expect(checkDebrief(questions, { answers: { strategy: 'yes' } })).toEqual([]);
    expect(checkDebrief(questions, { answers: { strategy: 'yes', age: '40' } })).toEqual([
      'answers.age: not a question of this study',
    ]);
  });
});
