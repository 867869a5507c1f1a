import { useState } from 'react';

/** The study's completion code, read-only, with a Copy button (RoboTaxi and Atari thank-you pages). */
export function CompletionCode({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // No clipboard access: select the code so that the participant can copy it.
      const field = document.getElementById('completion-code');
      if (field instanceof HTMLInputElement) field.select();
    }
  };
  return (
    <div className="completion-code">
      <label htmlFor="completion-code">Your completion code</label>
      <div className="completion-code__row">
        <input
          id="completion-code"
          type="text"
          readOnly
          value={code}
          data-testid="completion-code"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
