import { useMemo } from 'react';
import { required, TextInput, useGetOne, type Identifier, type Validator } from 'react-admin';

import { compilePattern, DEFAULT_ID_PATTERN, roleOfParticipantId } from '../common/ids';
import { ResourceName, type Study } from '../types';

export interface ParticipantIdInputProps {
  /** The chosen study, whose own ID pattern is checked when it has loaded. */
  studyId: Identifier | null | undefined;
  /** The current value, for the role hint. */
  value: string | null | undefined;
}

/**
 * The participant ID, checked against the chosen study's pattern (the default pattern until
 * the study is known). The server checks it again; the role is derived from the prefix.
 */
export const ParticipantIdInput = ({ studyId, value }: ParticipantIdInputProps) => {
  const { data: study } = useGetOne<Study>(
    ResourceName.Studies,
    { id: studyId === null || studyId === undefined ? '' : String(studyId) },
    { enabled: studyId !== null && studyId !== undefined && studyId !== '' },
  );
  const patternSource = study?.idPattern || DEFAULT_ID_PATTERN;

  const validate = useMemo(() => {
    const pattern = compilePattern(patternSource);
    const matchesPattern: Validator = (input: unknown) => {
      if (typeof input !== 'string' || input.trim() === '' || !pattern) return undefined;
      return pattern.test(input.trim()) ? undefined : `Must match ${patternSource}`;
    };
    return [required(), matchesPattern];
  }, [patternSource]);

  const role = roleOfParticipantId(value);
  return (
    <TextInput
      source="participantId"
      label="Participant ID"
      autoComplete="off"
      validate={validate}
      helperText={role ? `Role: ${role}` : `Matches ${patternSource}, e.g. T0001`}
      sx={{ '& input': { fontFamily: 'monospace' } }}
    />
  );
};
