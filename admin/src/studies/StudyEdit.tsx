import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';

import type { Study } from '../types';
import { StudyFormFields } from './StudyFormFields';
import { toStudyUpdatePayload } from './studyConfig';

const StudyTitle = () => {
  const record = useRecordContext<Study>();
  return <>{record ? `Edit ${record.name}` : 'Edit study'}</>;
};

const StudyEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle="Delete this study?"
      confirmContent="The study and its participants will be deleted. This cannot be undone."
    />
  </Toolbar>
);

export const StudyEdit = () => (
  // Pessimistic, so that the server's field errors land on the inputs.
  <Edit<Study>
    title={<StudyTitle />}
    mutationMode="pessimistic"
    redirect="show"
    transform={toStudyUpdatePayload}
  >
    <SimpleForm noValidate sx={{ maxWidth: 720 }} toolbar={<StudyEditToolbar />}>
      <StudyFormFields mode="edit" />
    </SimpleForm>
  </Edit>
);
