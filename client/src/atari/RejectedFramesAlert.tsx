/** Parts of the game log the server refused for good (kept in the outbox's `rejected` store). */
import { useEffect, useState } from 'react';

import { pageFrameOutbox, useFrameUploadStatus } from './page-frames';

export function RejectedFramesAlert({ participantId }: { participantId: string }) {
  const status = useFrameUploadStatus();
  const [messages, setMessages] = useState<string[]>([]);

  useEffect(() => {
    if (status.rejected === 0) return;
    let cancelled = false;
    void pageFrameOutbox()
      .then((outbox) => outbox.listRejected(participantId))
      .then((items) => {
        if (!cancelled) setMessages([...new Set(items.map((item) => item.message))]);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [participantId, status.rejected]);

  if (status.rejected === 0) return null;
  return (
    <div className="alert alert--error" role="alert" data-testid="atari-rejected">
      <p>
        The server refused {status.rejected === 1 ? 'a part' : `${status.rejected} parts`} of the
        game log. Please tell the researcher.
      </p>
      {messages.length > 0 && (
        <ul>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
