import type { Identifier } from 'react-admin';

import type { Render, RenderRequest } from '../renders/types';
import { httpClient } from './httpClient';

/** The render calls that are not ra-data-simple-rest: queue, bulk, cancel, retry, download. */
export interface RenderMethods {
  /** Queues a render of the episode (`created`), or answers the one with the same options. */
  queueRender(
    episodeId: Identifier,
    options?: RenderRequest,
  ): Promise<{ render: Render; created: boolean }>;
  /** Queues a render of each episode; nothing is queued if one of them cannot be rendered. */
  bulkRender(episodeIds: Identifier[], options?: RenderRequest): Promise<Render[]>;
  /** Stops a queued or running render (409 once it has finished). */
  cancelRender(renderId: Identifier): Promise<Render>;
  /** Renders a finished render again, replacing its file. */
  retryRender(renderId: Identifier): Promise<Render>;
  /** A signed link to the video, valid for an hour. */
  renderDownloadUrl(renderId: Identifier): Promise<{ url: string; expiresAt: string }>;
}

const id = (value: Identifier) => encodeURIComponent(String(value));

export const renderMethods = (apiUrl: string): RenderMethods => {
  const post = async <T>(path: string, body?: unknown): Promise<{ json: T; status: number }> => {
    const response = await httpClient(`${apiUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify(body ?? {}),
    });
    return { json: response.json as T, status: response.status };
  };
  return {
    async queueRender(episodeId, options = {}) {
      const { json, status } = await post<Render>(`/episodes/${id(episodeId)}/renders`, options);
      return { render: json, created: status === 201 };
    },
    async bulkRender(episodeIds, options) {
      const body = { episodeIds: episodeIds.map(String), ...(options ? { options } : {}) };
      return (await post<Render[]>('/renders/bulk', body)).json;
    },
    async cancelRender(renderId) {
      return (await post<Render>(`/renders/${id(renderId)}/cancel`)).json;
    },
    async retryRender(renderId) {
      return (await post<Render>(`/renders/${id(renderId)}/retry`)).json;
    },
    async renderDownloadUrl(renderId) {
      const response = await httpClient(`${apiUrl}/renders/${id(renderId)}/download`);
      return response.json as { url: string; expiresAt: string };
    },
  };
};
