import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useNotify, useRecordContext } from 'react-admin';

import { downloadBlob } from '../common/download';
import { getErrorMessage } from '../dataProvider/apiError';
import type { OzDataProvider } from '../dataProvider';
import type { Study } from '../types';

/** Downloads the participants of the study in context as `participants-<slug>.csv`. */
export const ExportCsvButton = () => {
  const record = useRecordContext<Study>();
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);

  const exportCsv = async (study: Study) => {
    setExporting(true);
    try {
      const blob = await dataProvider.exportCsv(study.id);
      downloadBlob(blob, `participants-${study.slug}.csv`);
    } catch (error) {
      notify(`Export failed: ${getErrorMessage(error)}`, { type: 'error' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button
      label="Export CSV"
      disabled={!record || exporting}
      onClick={() => {
        if (record) void exportCsv(record);
      }}
    >
      <DownloadIcon />
    </Button>
  );
};
