import BlockIcon from '@mui/icons-material/Block';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRecordContext, useRefresh } from 'react-admin';

import type { OzDataProvider } from '../dataProvider';
import { getErrorMessage } from '../dataProvider/apiError';
import { ResourceName, type Participant, type RecordingTrackView } from '../types';
import { withdrawalProblem, withdrawalSummary } from './withdrawal';

/** Audio tracks of the participant whose audio is still stored (what deleting would remove). */
function useStoredTracks(participant: Participant, enabled: boolean) {
  const { data, isPending } = useGetList<RecordingTrackView & { id: string }>(
    ResourceName.Recordings,
    {
      filter: { participantId: participant.id },
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'createdAt', order: 'ASC' },
    },
    { enabled },
  );
  const stored = (data ?? []).filter((t) => t.status !== 'deleted');
  const seconds = stored.reduce(
    (sum, t) => sum + (t.durationSamples ?? 0) / (t.sampleRate || 1),
    0,
  );
  return { isPending, tracks: stored.length, minutes: seconds / 60 };
}

/**
 * Withdraws the participant in context: they can no longer log in. On request their recordings
 * (audio and clock samples) are deleted too, which the researcher confirms by typing the ID.
 * Once withdrawn, the same button deletes the recordings that were kept.
 */
export const WithdrawParticipantButton = () => {
  const record = useRecordContext<Participant>();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  const withdrawn = record.status === 'withdrawn';
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<BlockIcon />}
        onClick={() => setOpen(true)}
        aria-label={withdrawn ? 'Delete recordings' : 'Withdraw'}
      >
        {withdrawn ? 'Delete recordings' : 'Withdraw'}
      </Button>
      {open && <WithdrawDialog participant={record} onClose={() => setOpen(false)} />}
    </>
  );
};

function WithdrawDialog({
  participant,
  onClose,
}: {
  participant: Participant;
  onClose: () => void;
}) {
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const withdrawn = participant.status === 'withdrawn';
  const [deleteRecordings, setDeleteRecordings] = useState(withdrawn);
  const [typed, setTyped] = useState('');
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const stored = useStoredTracks(participant, true);
  const code = participant.participantId;
  const problem = withdrawalProblem(deleteRecordings, typed, code);

  const submit = async () => {
    setTouched(true);
    if (problem) return;
    setPending(true);
    try {
      const result = await dataProvider.withdrawParticipant(participant.id, { deleteRecordings });
      notify(withdrawalSummary(code, result.recordingsDeleted), { type: 'info' });
      refresh();
      onClose();
    } catch (error) {
      notify(getErrorMessage(error), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  const trackText = stored.isPending
    ? 'counting their recordings…'
    : `${stored.tracks} audio track${stored.tracks === 1 ? '' : 's'}, ${stored.minutes.toFixed(1)} min`;
  return (
    <Dialog open onClose={onClose} aria-labelledby="withdraw-title" fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id="withdraw-title">
          {withdrawn ? `Delete the recordings of ${code}?` : `Withdraw ${code}?`}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {withdrawn
              ? `${code} is withdrawn. Their recordings are still stored (${trackText}).`
              : `${code} will no longer be able to log in. Their stored recordings: ${trackText}.`}{' '}
            Game logs of their sessions are kept either way.
          </DialogContentText>
          <FormControlLabel
            control={
              <Checkbox
                checked={deleteRecordings}
                disabled={withdrawn}
                onChange={(event) => setDeleteRecordings(event.target.checked)}
              />
            }
            label="Also delete their recordings (audio and clock samples). This cannot be undone."
          />
          {deleteRecordings && (
            <TextField
              autoFocus
              fullWidth
              sx={{ mt: 2 }}
              label={`Type ${code} to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              onBlur={() => setTouched(true)}
              error={touched && !!problem}
              helperText={touched && problem ? problem : ' '}
              slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="error" variant="contained" disabled={pending}>
            {withdrawn
              ? 'Delete recordings'
              : deleteRecordings
                ? 'Withdraw and delete'
                : 'Withdraw'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
