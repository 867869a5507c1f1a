import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useNotify, useRecordContext } from 'react-admin';

import { downloadBlob } from '../common/download';
import { getErrorMessage } from '../dataProvider/apiError';
import type { Episode } from '../types';
import {
  type AtariFramesFormat,
  downloadExport,
  episodeFramesUrl,
  isRobotaxi,
  type SessionExportFormat,
  sessionExportUrl,
} from './replayData';

interface ExportChoice {
  label: string;
  url: (episode: Episode) => string;
  filename: (episode: Episode) => string;
  accept: string;
}

const atari = (format: AtariFramesFormat, label: string, ext: string): ExportChoice => ({
  label,
  url: (e) => episodeFramesUrl(e.id, format),
  filename: (e) => `episode-${e.id}${format === 'ozlab' ? '' : `-${format}`}.${ext}`,
  accept: ext === 'txt' ? 'text/csv' : 'application/json',
});

const robotaxi = (format: SessionExportFormat, label: string): ExportChoice => ({
  label,
  url: (e) => sessionExportUrl(e.sessionId, format),
  filename: (e) => `session-${e.sessionId}-${format}.json`,
  accept: 'application/json',
});

/** The exports of an episode, by game. */
export const exportChoices = (episode: Episode): ExportChoice[] =>
  isRobotaxi(episode)
    ? [robotaxi('ozlab', 'Session log (JSON)'), robotaxi('compat', 'Wizard-of-Oz log (compat)')]
    : [
        atari('ozlab', 'Frames (JSON)', 'json'),
        atari('agc', 'Atari Grand Challenge', 'txt'),
        atari('trajectory', 'Trajectory (old study)', 'json'),
      ];

/** One button per export; each fetches with the researcher's token and saves the file. */
export function EpisodeDownloads() {
  const episode = useRecordContext<Episode>();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  if (!episode) return null;

  const download = async (choice: ExportChoice) => {
    setBusy(choice.label);
    try {
      downloadBlob(
        await downloadExport(choice.url(episode), choice.accept),
        choice.filename(episode),
      );
    } catch (error) {
      notify(`Download failed: ${getErrorMessage(error)}`, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {exportChoices(episode).map((choice) => (
        <Button
          key={choice.label}
          label={choice.label}
          disabled={busy !== null}
          onClick={() => void download(choice)}
        >
          <DownloadIcon />
        </Button>
      ))}
    </>
  );
}
