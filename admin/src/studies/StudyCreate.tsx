import { Create, SimpleForm } from 'react-admin';

import { StudyFormFields } from './StudyFormFields';
import { toStudyCreatePayload } from './studyConfig';

export const StudyCreate = () => (
  <Create title="New study" redirect="show" transform={toStudyCreatePayload}>
    <SimpleForm noValidate sx={{ maxWidth: 720 }}>
      <StudyFormFields mode="create" />
    </SimpleForm>
  </Create>
);
