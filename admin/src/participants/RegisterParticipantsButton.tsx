import GroupAddIcon from '@mui/icons-material/GroupAdd';
import { useState } from 'react';
import { Button, type Identifier } from 'react-admin';

import { RegisterParticipantsDialog } from './RegisterParticipantsDialog';

export interface RegisterParticipantsButtonProps {
  /** Register into this study; without it the dialog asks which study. */
  studyId?: Identifier;
  defaultStudyId?: Identifier;
}

/** "Register participants": opens the range dialog. */
export const RegisterParticipantsButton = ({
  studyId,
  defaultStudyId,
}: RegisterParticipantsButtonProps) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="Register participants" onClick={() => setOpen(true)}>
        <GroupAddIcon />
      </Button>
      {open ? (
        <RegisterParticipantsDialog
          studyId={studyId}
          defaultStudyId={defaultStudyId}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
};
