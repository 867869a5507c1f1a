/**
 * The level of the page's recorded microphone, summed up over about half a second for the
 * researchers' live view (`client:level`). Pure: the readings come from the recorder's meter.
 */
import type { LevelPayload } from '../../../src/games/common/robotaxi-events';
import type { LevelReading } from '../recorder';

/** How often the page reports its level. */
export const LEVEL_REPORT_MS = 500;

const FLOOR_DB = -120;

const clampDb = (db: number) =>
  Math.max(FLOOR_DB, Math.min(0, Number.isFinite(db) ? db : FLOOR_DB));

/** Collects level readings (~every 50 ms) and answers their sum-up since the last `take()`. */
export class LevelWindow {
  private power = 0;
  private frames = 0;
  private peakDb = FLOOR_DB;

  push(reading: Pick<LevelReading, 'frames' | 'rmsDb' | 'peakDb'>): void {
    if (!(reading.frames > 0)) return;
    // Mean power over the window: each reading's RMS squared, weighted by its length.
    this.power += 10 ** (clampDb(reading.rmsDb) / 10) * reading.frames;
    this.frames += reading.frames;
    this.peakDb = Math.max(this.peakDb, clampDb(reading.peakDb));
  }

  /** The window's level, or null when no reading came; starts a new window. */
  take(): LevelPayload | null {
    if (this.frames === 0) return null;
    const meanPower = this.power / this.frames;
    const rmsDb = meanPower > 0 ? clampDb(10 * Math.log10(meanPower)) : FLOOR_DB;
    const level = { rmsDb: round(rmsDb), peakDb: round(this.peakDb) };
    this.power = 0;
    this.frames = 0;
    this.peakDb = FLOOR_DB;
    return level;
  }
}

const round = (db: number) => Math.round(db * 10) / 10;
