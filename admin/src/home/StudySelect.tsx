import { FormControl, InputLabel, MenuItem, Select } from '@mui/material';
import { useGetList, useStore } from 'react-admin';

import { ResourceName } from '../types';

export interface StudyChoice {
  /** The chosen study, or null for every study the researcher may see. */
  studyId: string | null;
  setStudyId: (studyId: string | null) => void;
  studies: { id: string; name: string }[];
}

/**
 * The study the home page and the live view show: shared by both and remembered. A remembered
 * study that is not in the researcher's list (deleted, or another researcher signed in) counts as
 * all studies.
 */
export function useStudyChoice(): StudyChoice {
  const [stored, setStored] = useStore<string>('ozlab.selectedStudy', '');
  const { data: studies = [], isPending } = useGetList<{ id: string; name: string }>(
    ResourceName.Studies,
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } },
  );
  const known = stored !== '' && (isPending || studies.some((s) => s.id === stored));
  return {
    studyId: known ? stored : null,
    setStudyId: (studyId) => setStored(studyId ?? ''),
    studies,
  };
}

/** Picks one of the researcher's studies, or all of them. */
export function StudySelect({ choice }: { choice: StudyChoice }) {
  return (
    <FormControl size="small" sx={{ width: 280, flex: '0 0 auto' }}>
      <InputLabel id="study-select-label">Study</InputLabel>
      <Select
        labelId="study-select-label"
        label="Study"
        value={choice.studyId ?? ''}
        onChange={(event) => choice.setStudyId(event.target.value || null)}
        data-testid="study-select"
      >
        <MenuItem value="">All studies</MenuItem>
        {choice.studies.map((study) => (
          <MenuItem key={study.id} value={study.id}>
            {study.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
