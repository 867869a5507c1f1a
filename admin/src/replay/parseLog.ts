/** Recognises a game log's shape and reads it into the viewer's model (pure). */
import { OZLAB_ATARI_FORMAT, parseAtariExport } from './atariLog';
import { isRecord } from './json';
import { type Replay, ReplayParseError } from './model';
import { OZLAB_ROBOTAXI_FORMAT, parseCompatLog, parseRobotaxiExport } from './robotaxiLog';

/**
 * Our RoboTaxi export, our Atari frames export, or the original Wizard-of-Oz log shape (also our
 * `compat` export). A JSON string holding JSON (how the old studies wrote some files) is
 * decoded again.
 */
export function parseGameLog(json: unknown): Replay {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new ReplayParseError('The file holds a string that is not JSON');
    }
  }
  if (!isRecord(value)) throw new ReplayParseError('Expected a JSON object');
  if (value.format === OZLAB_ROBOTAXI_FORMAT) return parseRobotaxiExport(value);
  if (value.format === OZLAB_ATARI_FORMAT) return parseAtariExport(value);
  if (isRecord(value.log)) return parseCompatLog(value);
  if (isRecord(value.trajectory))
    throw new ReplayParseError(
      'This is a trajectory file of the earlier Atari study: it starts from a Javatari save ' +
        'state that this emulator cannot load. Import it into an Atari study to see its ' +
        'timeline and events.',
    );
  const known = typeof value.format === 'string' ? ` (format "${value.format}")` : '';
  throw new ReplayParseError(
    `Not a game log we know${known}: expected a RoboTaxi export, an Atari frames export ` +
      '(ozlab.atari/1) or a Wizard-of-Oz log with "log"',
  );
}

/** Reads a dropped file's text. */
export function parseGameLogText(text: string): Replay {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReplayParseError(
      `Not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseGameLog(json);
}
