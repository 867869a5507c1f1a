import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { IconButton, Tooltip } from '@mui/material';
import { useNotify } from 'react-admin';

import { getErrorMessage } from '../dataProvider/apiError';
import { copyText } from './clipboard';

export interface CopyButtonProps {
  value: string;
  /** Accessible name and tooltip, e.g. "Copy login URL". */
  label: string;
}

export const CopyButton = ({ value, label }: CopyButtonProps) => {
  const notify = useNotify();
  const copy = async () => {
    try {
      await copyText(value);
      notify('Copied to the clipboard', { type: 'info', autoHideDuration: 2000 });
    } catch (error) {
      notify(`Could not copy: ${getErrorMessage(error)}`, { type: 'warning' });
    }
  };
  return (
    <Tooltip title={label}>
      <IconButton aria-label={label} size="small" onClick={() => void copy()}>
        <ContentCopyIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
};
