import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId, useState } from 'react';
import {
  AutocompleteInput,
  Form,
  FormDataConsumer,
  ReferenceInput,
  required,
  TextInput,
  useDataProvider,
  useNotify,
  useRefresh,
  type Identifier,
  type Validator,
} from 'react-admin';

import {
  getApiErrorBody,
  getErrorMessage,
  getErrorStatus,
  toFieldErrors,
} from '../dataProvider/apiError';
import type { OzDataProvider } from '../dataProvider';
import { ResourceName } from '../types';
import { describeIdRange, parseIdRange } from './range';

export interface RegisterParticipantsDialogProps {
  onClose: () => void;
  /** Register into this study. Without it, the dialog asks which study. */
  studyId?: Identifier;
  /** Preselected study when the dialog asks (e.g. the study the list is filtered on). */
  defaultStudyId?: Identifier;
}

interface RegisterFormValues {
  studyId?: Identifier | null;
  range?: string | null;
}

const validateRangeSyntax: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = parseIdRange(value);
  return 'error' in parsed ? parsed.error : undefined;
};
const validateRange = [required(), validateRangeSyntax];
const validateStudy = [required()];

const rangeHelperText = (value: string | null | undefined): string => {
  if (value) {
    const parsed = parseIdRange(value);
    if (!('error' in parsed)) return describeIdRange(parsed);
  }
  return 'First and last ID, e.g. T0001-T0040';
};

/**
 * Registers a range of participant IDs (`POST /api/studies/:id/participants/range`).
 * The input is labelled "Range" and the submit button "Register" (the e2e tests use both).
 * A malformed range (400) is shown on the input; an existing ID (409) above the buttons.
 */
export const RegisterParticipantsDialog = ({
  onClose,
  studyId,
  defaultStudyId,
}: RegisterParticipantsDialogProps) => {
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();
  const [serverError, setServerError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: RegisterFormValues) => {
    const targetStudy = studyId ?? values.studyId;
    if (targetStudy === null || targetStudy === undefined || !values.range) return undefined;
    setServerError(null);
    setSubmitting(true);
    try {
      const { created } = await dataProvider.registerRange(targetStudy, values.range.trim());
      notify(`Registered ${created} participant${created === 1 ? '' : 's'}`, { type: 'success' });
      refresh();
      onClose();
      return undefined;
    } catch (error) {
      const body = getApiErrorBody(error);
      const message = body?.message ?? getErrorMessage(error);
      if (getErrorStatus(error) === 400) {
        const fieldErrors = body ? toFieldErrors(body.issues) : {};
        const errors: Record<string, string> = { range: fieldErrors.range ?? message };
        if (!studyId && fieldErrors.studyId) errors.studyId = fieldErrors.studyId;
        return errors;
      }
      setServerError(message);
      return undefined;
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="xs"
    >
      <Form<RegisterFormValues>
        // An own record, so that a study shown behind the dialog does not become form values.
        record={{ studyId: studyId ?? defaultStudyId ?? null, range: '' }}
        onSubmit={(values: RegisterFormValues) => submit(values)}
        disableInvalidFormNotification
        noValidate
      >
        <DialogTitle id={titleId}>Register participants</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Registers every ID of the range. The prefix gives the role: T teacher, W wizard, D
            demonstrator.
          </DialogContentText>
          {studyId === undefined ? (
            <ReferenceInput
              source="studyId"
              reference={ResourceName.Studies}
              sort={{ field: 'name', order: 'ASC' }}
            >
              <AutocompleteInput label="Study" optionText="name" validate={validateStudy} />
            </ReferenceInput>
          ) : null}
          <FormDataConsumer<RegisterFormValues>>
            {({ formData }) => (
              <TextInput
                source="range"
                label="Range"
                autoFocus
                autoComplete="off"
                validate={validateRange}
                helperText={rangeHelperText(formData.range)}
              />
            )}
          </FormDataConsumer>
          {serverError ? (
            <Alert severity="error" role="alert">
              {serverError}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={submitting}
            startIcon={submitting ? <CircularProgress size={16} color="inherit" /> : undefined}
          >
            Register
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
