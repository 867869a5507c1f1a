import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { Button, useRecordContext } from 'react-admin';

import type { Study } from '../types';
import { ImportCsvDialog } from './ImportCsvDialog';

/** Opens the CSV import dialog for the study in context. */
export const ImportCsvButton = () => {
  const record = useRecordContext<Study>();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="Import CSV" disabled={!record} onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      {record && open ? <ImportCsvDialog study={record} onClose={() => setOpen(false)} /> : null}
    </>
  );
};
