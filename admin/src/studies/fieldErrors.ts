/** Keys of a react-hook-form error object that are not nested errors. */
const ERROR_META_KEYS = new Set(['type', 'types', 'ref', 'message']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The messages of an input's form error, and of the errors nested under it. The server names a
 * field by its path (`config.level.grid`), and react-hook-form files such an error as a child of
 * the input's own (`config.level`), where an input looks for no message; nested messages are
 * prefixed with their path below the input.
 */
export const fieldErrorMessages = (error: unknown, path = ''): string[] => {
  if (!isRecord(error)) return [];
  if (typeof error.message === 'string' && error.message !== '') {
    return [path === '' ? error.message : `${path}: ${error.message}`];
  }
  return Object.entries(error)
    .filter(([key]) => !ERROR_META_KEYS.has(key))
    .flatMap(([key, child]) => fieldErrorMessages(child, path === '' ? key : `${path}.${key}`));
};
