/** Small readers for untrusted JSON (a dropped file): each names what is wrong. */
import { ReplayParseError } from './model';

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function record(value: unknown, what: string): JsonRecord {
  if (!isRecord(value)) throw new ReplayParseError(`${what}: expected an object`);
  return value;
}

export function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ReplayParseError(`${what}: expected a list`);
  return value;
}

export function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ReplayParseError(`${what}: expected a number`);
  return value;
}

export const optionalNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export const optionalString = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

/** An ISO date string as Unix ms, or null. */
export function optionalDateMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** The median of a non-empty list (the typical step period of a log without settings). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
