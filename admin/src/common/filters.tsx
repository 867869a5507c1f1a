import { AutocompleteInput, ReferenceInput } from 'react-admin';

import { ResourceName } from '../types';

/** The "Study" filter every list has first: the studies by name, always shown. */
export const studyFilter = (
  <ReferenceInput
    key="studyId"
    source="studyId"
    reference={ResourceName.Studies}
    sort={{ field: 'name', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput label="Study" optionText="name" />
  </ReferenceInput>
);
