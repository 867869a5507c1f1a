/**
 * Checks of the end-of-session feedback against the session's map (pure). The socket schema has
 * already checked the shapes; these are the checks that need the board.
 */
import type {
  TeacherDebriefPayload,
  WizardFeedbackPayload,
} from '../../games/common/robotaxi-events.js';
import type { Position } from '../../games/robotaxi/types.js';

/** The map the wizard draws their path on: its size, its walls and the start cell. */
export interface FeedbackBoard {
  rows: number;
  cols: number;
  walls: Position[];
  start: Position;
}

/** Every problem with the wizard's path and ratings (empty when they fit the board). */
export function checkWizardFeedback(
  board: FeedbackBoard,
  feedback: WizardFeedbackPayload,
): string[] {
  const problems: string[] = [];
  const wall = new Set(board.walls.map((w) => `${w.x},${w.y}`));
  const { path, ratings } = feedback;
  if (path[0].x !== board.start.x || path[0].y !== board.start.y)
    problems.push(`path.0: must be the start cell (${board.start.x},${board.start.y})`);
  path.forEach((cell, i) => {
    if (cell.x >= board.cols || cell.y >= board.rows)
      problems.push(
        `path.${i}: (${cell.x},${cell.y}) is outside the ${board.cols}×${board.rows} map`,
      );
    else if (wall.has(`${cell.x},${cell.y}`))
      problems.push(`path.${i}: (${cell.x},${cell.y}) is a wall`);
    if (i > 0) {
      const prev = path[i - 1];
      if (Math.abs(prev.x - cell.x) + Math.abs(prev.y - cell.y) !== 1)
        problems.push(`path.${i}: (${cell.x},${cell.y}) is not next to (${prev.x},${prev.y})`);
    }
  });
  if (ratings.length !== board.rows)
    problems.push(`ratings: needs ${board.rows} rows, found ${ratings.length}`);
  ratings.forEach((row, y) => {
    if (row.length !== board.cols)
      problems.push(`ratings.${y}: needs ${board.cols} cells, found ${row.length}`);
  });
  return problems;
}

/** Every problem with the teacher's debrief (answers to unknown questions). */
export function checkDebrief(
  questions: { id: string }[],
  debrief: TeacherDebriefPayload,
): string[] {
  const known = new Set(questions.map((q) => q.id));
  return Object.keys(debrief.answers)
    .filter((id) => !known.has(id))
    .map((id) => `answers.${id}: not a question of this study`);
}
