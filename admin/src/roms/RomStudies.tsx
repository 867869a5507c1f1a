import { Chip, Stack, Typography } from '@mui/material';
import { Link, useCreatePath, useRecordContext } from 'react-admin';

import { ResourceName, type Rom } from '../types';

/** The studies whose config names this ROM: the researcher's own as links, others counted. */
export const RomStudies = () => {
  const record = useRecordContext<Rom>();
  const createPath = useCreatePath();
  if (!record) return null;
  const studies = record.studies ?? [];
  const others = record.otherStudies ?? 0;
  if (studies.length === 0 && others === 0)
    return <Typography variant="body2">No study uses this ROM.</Typography>;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      {studies.map((study) => (
        <Chip
          key={study.id}
          label={study.name}
          clickable
          component={Link}
          to={createPath({ resource: ResourceName.Studies, id: study.id, type: 'show' })}
        />
      ))}
      {others > 0 && (
        <Typography variant="body2">
          {studies.length > 0 ? 'and ' : ''}
          {others} {others === 1 ? 'study' : 'studies'} of other researchers
        </Typography>
      )}
    </Stack>
  );
};
