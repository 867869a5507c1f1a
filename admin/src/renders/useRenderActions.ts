import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';

import type { OzDataProvider } from '../dataProvider';
import { getErrorMessage } from '../dataProvider/apiError';
import { RENDERS, type Render } from './types';

/** Saves the file at a (signed) URL: the server answers it as an attachment with its name. */
export const downloadUrl = (url: string): void => {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  link.download = '';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
};

type Action = 'cancel' | 'retry' | 'download';

/** Cancel, retry and download of one render, with notifications; refetches after a change. */
export function useRenderActions() {
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Action | null>(null);

  const run = async (action: Action, fn: () => Promise<void>) => {
    setPending(action);
    try {
      await fn();
    } catch (error) {
      notify(getErrorMessage(error), { type: 'error' });
    } finally {
      setPending(null);
    }
  };
  const changed = () => queryClient.invalidateQueries({ queryKey: [RENDERS] });

  return {
    pending,
    cancel: (render: Pick<Render, 'id'>) =>
      run('cancel', async () => {
        await dataProvider.cancelRender(render.id);
        notify('Render cancelled', { type: 'info' });
        await changed();
      }),
    retry: (render: Pick<Render, 'id'>) =>
      run('retry', async () => {
        await dataProvider.retryRender(render.id);
        notify('Render queued again', { type: 'info' });
        await changed();
      }),
    download: (render: Pick<Render, 'id'>) =>
      run('download', async () => {
        const { url } = await dataProvider.renderDownloadUrl(render.id);
        downloadUrl(url);
      }),
  };
}
