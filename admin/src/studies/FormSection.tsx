import { Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled section of a study form, with an optional line that explains it. */
export const FormSection = ({ title, children }: { title: string; children?: ReactNode }) => (
  <>
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {title}
    </Typography>
    {children ? (
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {children}
      </Typography>
    ) : null}
  </>
);
