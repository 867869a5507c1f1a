import { Box, Button, MenuItem, Stack, TextField } from '@mui/material';
import { InputHelperText, useInput } from 'react-admin';

import { PRACTICE_LEVEL } from '../../../src/games/robotaxi/maps';
import type { LevelJson, Orientation } from '../types';
import { fieldErrorMessages } from './fieldErrors';
import {
  draftToLevel,
  levelToDraft,
  ORIENTATION_CHOICES,
  validateLevel,
  type LevelDraft,
} from './levelText';

const PRACTICE_DRAFT = levelToDraft(PRACTICE_LEVEL);

interface LevelInputProps {
  /** Where the `LevelJson` lives, e.g. `config.level`. */
  source: string;
  label: string;
  helperText: string;
}

/**
 * A RoboTaxi level: its grid typed as text (one row per line) and the rover's start orientation.
 * One input holds the whole level object, so that the server's errors on the level (named
 * `config.level` or below it) land here and are cleared when the form is submitted again.
 */
export const LevelInput = ({ source, label, helperText }: LevelInputProps) => {
  const { id, field, fieldState } = useInput<LevelJson | null>({
    source,
    format: levelToDraft,
    parse: draftToLevel,
    validate: validateLevel,
  });
  const draft = field.value as LevelDraft;
  const error = fieldErrorMessages(fieldState.error).join('; ');
  const change = (patch: Partial<LevelDraft>) => field.onChange({ ...draft, ...patch });

  return (
    <Box sx={{ width: '100%', mb: 1 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          id={id}
          name={field.name}
          inputRef={field.ref}
          label={label}
          value={draft.text}
          onChange={(event) => change({ text: event.target.value })}
          onBlur={field.onBlur}
          multiline
          minRows={6}
          error={fieldState.invalid}
          helperText={<InputHelperText error={error || undefined} helperText={helperText} />}
          slotProps={{ htmlInput: { spellCheck: false } }}
          fullWidth
          sx={{ flex: 1, minWidth: 0, '& textarea': { fontFamily: 'monospace' } }}
        />
        <TextField
          select
          label="Start facing"
          value={draft.orientation}
          onChange={(event) => change({ orientation: event.target.value as Orientation | '' })}
          onBlur={field.onBlur}
          helperText="The way the rover faces at R."
          sx={{ width: 180, flexShrink: 0 }}
        >
          <MenuItem value="">Down (default)</MenuItem>
          {ORIENTATION_CHOICES.map(({ id: orientation, name }) => (
            <MenuItem key={orientation} value={orientation}>
              {name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Button
        size="small"
        disabled={draft.text.trim() !== ''}
        onClick={() =>
          change({ text: PRACTICE_DRAFT.text, orientation: PRACTICE_DRAFT.orientation })
        }
      >
        Start from the original practice map
      </Button>
    </Box>
  );
};
