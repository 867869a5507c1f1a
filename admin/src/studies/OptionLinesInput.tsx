import { TextField } from '@mui/material';
import { InputHelperText, useInput } from 'react-admin';

import { fieldErrorMessages } from './fieldErrors';
import { validateOptionLines } from './studyConfig';

const toText = (value: unknown): string =>
  Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : '';

// Lines are kept as typed (a trailing empty line is where the next option goes); `pickConfig`
// trims them and drops the blank ones when the form is saved.
const toLines = (text: string): string[] => text.split('\n');

/**
 * A single-choice question's options, typed one per line. One input holds the whole list, so that
 * the server's errors on an option (`config.questionnaire.2.options.1`) are shown here.
 */
export const OptionLinesInput = ({ source }: { source: string }) => {
  const { id, field, fieldState } = useInput<string[]>({
    source,
    format: toText,
    parse: toLines,
    validate: validateOptionLines,
  });
  const error = fieldErrorMessages(fieldState.error).join('; ');
  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      label="Options"
      value={toText(field.value)}
      onChange={(event) => field.onChange(event.target.value)}
      onBlur={field.onBlur}
      multiline
      minRows={3}
      error={fieldState.invalid}
      helperText={
        <InputHelperText
          error={error || undefined}
          helperText="One option per line, 2 to 20, in the order shown."
        />
      }
      fullWidth
    />
  );
};
