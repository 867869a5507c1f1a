interface TextBlockProps {
  /** Plain text: a blank line starts a new paragraph, a single line break is kept. */
  text: string;
  className?: string;
}

/** Shows researcher-written plain text as paragraphs. Never interpreted as HTML. */
export function TextBlock({ text, className }: TextBlockProps) {
  const paragraphs = splitParagraphs(text);
  return (
    <div className={className ? `text-block ${className}` : 'text-block'}>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}

export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}
