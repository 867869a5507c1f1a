import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useNotify, useRecordContext } from 'react-admin';

import { downloadBlob } from '../common/download';
import { getErrorMessage } from '../dataProvider/apiError';
import type { OzDataProvider } from '../dataProvider';
import type { Rom } from '../types';

/** `<name>.bin` without characters that file systems refuse. */
const romFileName = (rom: Rom): string => `${rom.name.replace(/[\\/:*?"<>|]+/g, '_')}.bin`;

/** Downloads the ROM in context, as uploaded. */
export const DownloadRomButton = () => {
  const record = useRecordContext<Rom>();
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const [downloading, setDownloading] = useState(false);

  const download = async (rom: Rom) => {
    setDownloading(true);
    try {
      downloadBlob(await dataProvider.downloadRom(rom.id), romFileName(rom));
    } catch (error) {
      notify(`Download failed: ${getErrorMessage(error)}`, { type: 'error' });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Button
      label="Download"
      disabled={!record || downloading}
      onClick={() => {
        if (record) void download(record);
      }}
    >
      <DownloadIcon />
    </Button>
  );
};
