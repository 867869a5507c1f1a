import { useEffect, type ReactNode } from 'react';

interface PlayFrameProps {
  /** The browser tab's title, before the study name. */
  title: string;
  studyName: string;
  /** `data-phase` of the root: the session phase, or 'mic-check' / 'connecting' before one. */
  phase: string;
  role?: string;
  /** The game needs the width: a wide frame instead of the narrow card. */
  wide?: boolean;
  children: ReactNode;
}

/** The frame of the play page: the site header and one main area, wider while playing. */
export function PlayFrame({
  title,
  studyName,
  phase,
  role,
  wide = false,
  children,
}: PlayFrameProps) {
  useEffect(() => {
    document.title = `${title} · ${studyName} · OzLab`;
  }, [title, studyName]);

  return (
    <div className="page play-page" data-phase={phase} data-role={role}>
      <header className="site-header play-page__header">
        <span className="brand">OzLab</span>
        <span className="site-header__study">{studyName}</span>
      </header>
      <main className={wide ? 'card play play--wide' : 'card play'}>{children}</main>
    </div>
  );
}
