import { Box, Link, Typography } from '@mui/material';

import { CopyButton } from './CopyButton';

export interface CopyableUrlProps {
  url: string | null | undefined;
  copyLabel: string;
  /** Shown when there is no URL. */
  emptyText?: string;
}

/** A URL as a link that opens in a new tab, with a copy button beside it. */
export const CopyableUrl = ({ url, copyLabel, emptyText = '—' }: CopyableUrlProps) => {
  if (!url) {
    return (
      <Typography variant="body2" color="text.secondary">
        {emptyText}
      </Typography>
    );
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
      <Link
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        variant="body2"
        sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
      >
        {url}
      </Link>
      <CopyButton value={url} label={copyLabel} />
    </Box>
  );
};
