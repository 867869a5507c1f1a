import {
  Alert,
  AlertTitle,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useId, useState, type ChangeEvent } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';

import { getApiErrorBody, getErrorMessage, type ApiIssue } from '../dataProvider/apiError';
import type { OzDataProvider } from '../dataProvider';
import type { Study } from '../types';

/** Hidden from view but not from assistive technology or `setInputFiles`. */
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: 1,
  margin: -1,
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: 1,
} as const;

interface SelectedFile {
  name: string;
  text: string;
}

type ImportFailure = { message: string; issues: ApiIssue[] };

const describeIssue = (issue: ApiIssue): string => {
  const where = [
    issue.line !== undefined ? `Line ${issue.line}` : undefined,
    issue.field ? `column ${issue.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${issue.reason}` : issue.reason;
};

/**
 * Uploads a CSV of participants (the same columns as "Export CSV") to
 * `POST /api/studies/:id/participants/import`. Nothing is imported when a line is bad;
 * the server then lists every bad line, and so does this dialog.
 */
export const ImportCsvDialog = ({ study, onClose }: { study: Study; onClose: () => void }) => {
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();
  const [file, setFile] = useState<SelectedFile | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [importing, setImporting] = useState(false);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    setFailure(null);
    if (!chosen) return;
    try {
      setFile({ name: chosen.name, text: await chosen.text() });
    } catch (error) {
      setFile(null);
      setFailure({
        message: `Could not read ${chosen.name}: ${getErrorMessage(error)}`,
        issues: [],
      });
    }
  };

  const importFile = async () => {
    if (!file) return;
    setImporting(true);
    setFailure(null);
    try {
      const { created } = await dataProvider.importCsv(study.id, file.text);
      notify(`Imported ${created} participant${created === 1 ? '' : 's'}`, { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      const body = getApiErrorBody(error);
      setFailure({ message: body?.message ?? getErrorMessage(error), issues: body?.issues ?? [] });
    } finally {
      setImporting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={importing ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>Import participants into {study.name}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          One participant per line, with a header row; use the columns of “Export CSV”. IDs must
          match the study’s pattern <code>{study.idPattern}</code>. If any line is wrong, nothing is
          imported.
        </DialogContentText>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Button
            component="label"
            variant="outlined"
            startIcon={<UploadFileIcon />}
            disabled={importing}
          >
            Choose file
            <input
              type="file"
              aria-label="CSV file"
              accept=".csv,text/csv"
              style={visuallyHidden}
              onChange={(event) => void chooseFile(event)}
            />
          </Button>
          <Typography variant="body2" color={file ? 'text.primary' : 'text.secondary'} noWrap>
            {file ? file.name : 'No file chosen'}
          </Typography>
        </Box>
        {failure ? (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            <AlertTitle>{failure.message}</AlertTitle>
            {failure.issues.length > 0 ? (
              <List dense disablePadding sx={{ maxHeight: 240, overflow: 'auto' }}>
                {failure.issues.map((issue, index) => (
                  <ListItem key={index} disableGutters>
                    <ListItemText primary={describeIssue(issue)} />
                  </ListItem>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={importing}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={() => void importFile()}
          disabled={!file || importing}
          startIcon={importing ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
};
