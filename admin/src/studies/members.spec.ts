import { describe, expect, it } from 'vitest';

import { emailProblem } from './members';

describe('give-access email check', () => {
  it('asks for an email, refuses what is not one, and accepts a padded one', () => {
    expect(emailProblem('  ')).toBe('Enter the email of a researcher account');
    expect(emailProblem('bob')).toBe('Not an email address');
    expect(emailProblem('bob @lab.org')).toBe('Not an email address');
    expect(emailProblem(' bob@lab.org ')).toBeNull();
  });
});
