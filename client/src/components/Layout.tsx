import { useEffect, type ReactNode } from 'react';

interface LayoutProps {
  /** The browser tab's title, before " · OzLab". */
  title: string;
  /** The study's name, shown in the header once known. */
  studyName?: string;
  children: ReactNode;
}

/** The frame of every participant page: a quiet header and one centred card. */
export function Layout({ title, studyName, children }: LayoutProps) {
  useEffect(() => {
    document.title = studyName ? `${title} · ${studyName} · OzLab` : `${title} · OzLab`;
  }, [title, studyName]);

  return (
    <div className="page">
      <header className="site-header">
        <span className="brand">OzLab</span>
        {studyName && <span className="site-header__study">{studyName}</span>}
      </header>
      <main className="card">{children}</main>
    </div>
  );
}
