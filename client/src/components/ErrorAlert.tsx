import type { ReactNode } from 'react';

import type { ErrorText } from '../errors';

/** An error box that screen readers announce as soon as it appears. */
export function ErrorAlert({ error, children }: { error: ErrorText; children?: ReactNode }) {
  return (
    <div className="alert alert--error" role="alert">
      <p>{error.message}</p>
      {error.details && (
        <ul>
          {error.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
