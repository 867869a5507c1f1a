import { Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export interface StatLine {
  label: string;
  value: number | string;
}

/**
 * One number that matters, large, with a few related ones under it. The card is a labelled
 * region (`aria-labelledby` its title) and carries `data-stat` and `data-value` for tests.
 */
export function StatCard({
  id,
  title,
  value,
  caption,
  lines = [],
  icon,
}: {
  id: string;
  title: string;
  value: number | string;
  caption?: string;
  lines?: StatLine[];
  icon?: ReactNode;
}) {
  const titleId = `stat-${id}-title`;
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      data-stat={id}
      data-value={value}
      sx={{ height: '100%' }}
    >
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'text.secondary' }}>
          {icon}
          <Typography id={titleId} variant="subtitle2" component="h2">
            {title}
          </Typography>
        </Stack>
        <Typography variant="h4" component="p" sx={{ my: 1 }}>
          {value}
        </Typography>
        {caption && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {caption}
          </Typography>
        )}
        {lines.length > 0 && (
          <Stack component="dl" spacing={0.25} sx={{ m: 0, mt: 1 }}>
            {lines.map((line) => (
              <Stack key={line.label} direction="row" sx={{ justifyContent: 'space-between' }}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {line.label}
                </Typography>
                <Typography
                  component="dd"
                  variant="body2"
                  sx={{ m: 0 }}
                  data-stat-line={line.label}
                >
                  {line.value}
                </Typography>
              </Stack>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
