import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';

const MAX_REASON = 300;

/**
 * Asks why the session ends (required, kept with the session and shown to its participants)
 * before ending it.
 */
export function EndSessionDialog({
  open,
  sessionName,
  pending,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  sessionName: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const trimmed = reason.trim();
  const problem = !trimmed
    ? 'Say why the session ends'
    : trimmed.length > MAX_REASON
      ? `At most ${MAX_REASON} characters`
      : null;
  const close = () => {
    setReason('');
    setTouched(false);
    onCancel();
  };
  return (
    <Dialog open={open} onClose={close} aria-labelledby="end-session-title" fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (problem) return;
          onConfirm(trimmed);
          setReason('');
          setTouched(false);
        }}
      >
        <DialogTitle id="end-session-title">End session {sessionName}?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            The running episode is kept as aborted and the participants are told the session has
            ended. This cannot be undone.
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            required
            label="Reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && !!problem}
            helperText={touched && problem ? problem : `${trimmed.length}/${MAX_REASON}`}
            slotProps={{ htmlInput: { maxLength: MAX_REASON + 50 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" color="error" variant="contained" disabled={pending}>
            End session
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
