import { useEffect, type ReactNode } from 'react';

import type { AtariStep } from './flow-step';

const TITLES: Record<AtariStep, string> = {
  loading: 'Loading',
  'mic-check': 'Microphone check',
  'mic-help': 'Microphone',
  'game-instructions': 'Instructions',
  practice: 'Practice',
  'session-instructions': 'Instructions',
  session: 'Playing',
  'game-over': 'Game over',
  questionnaire: 'Questions',
  finishing: 'Saving',
  complete: 'Thank you',
  aborted: 'Session ended',
};

/** The frame of `/atari`: the site header and one main area; `data-atari-step` on the root. */
export function AtariFrame({
  step,
  studyName,
  wide = false,
  children,
}: {
  step: AtariStep;
  studyName: string;
  /** The game needs the width. */
  wide?: boolean;
  children: ReactNode;
}) {
  const title = TITLES[step];
  useEffect(() => {
    document.title = `${title} · ${studyName} · OzLab`;
  }, [title, studyName]);

  return (
    <div className="page atari-page" data-atari-step={step}>
      <header className="site-header atari-page__header">
        <span className="brand">OzLab</span>
        <span className="site-header__study">{studyName}</span>
      </header>
      <main className={wide ? 'card atari atari--wide' : 'card atari'}>{children}</main>
    </div>
  );
}
