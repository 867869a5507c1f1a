import { describe, expect, it } from 'vitest';
import { queuePrefix } from './queue-prefix.js';

describe('queuePrefix', () => {
  it('is the same for one database whatever the credentials, and differs between databases', () => {
    const a = queuePrefix('postgres://u:secret@db:5432/ozlab');
    expect(a).toMatch(/^ozlab:[0-9a-f]{10}$/);
    expect(queuePrefix('postgres://other:pw@db:5432/ozlab')).toBe(a);
    expect(queuePrefix('postgres://u:secret@db:5432/ozlab_test_1')).not.toBe(a);
  });
});
