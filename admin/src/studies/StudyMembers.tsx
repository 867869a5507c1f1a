import DeleteIcon from '@mui/icons-material/PersonRemove';
import {
  Box,
  Button,
  Chip,
  IconButton,
  List,
  ListItem,
  ListItemText,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useDataProvider, useGetIdentity, useNotify, useRecordContext } from 'react-admin';

import type { StudyMemberView } from '../../../src/games/common/api';
import type { OzDataProvider } from '../dataProvider';
import { getApiErrorBody, getErrorMessage, toFieldErrors } from '../dataProvider/apiError';
import type { Study } from '../types';
import { emailProblem } from './members';

/**
 * Who has access to the study in context, and (for its owner or an admin) giving a colleague
 * access by their account's email or taking it away. The server enforces who may do what; the
 * controls are only hidden from those who may not.
 */
export const StudyMembers = () => {
  const study = useRecordContext<Study>();
  const dataProvider = useDataProvider<OzDataProvider>();
  const { identity } = useGetIdentity();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const key = ['study-members', study?.id];
  const members = useQuery({
    queryKey: key,
    queryFn: () => dataProvider.studyMembers(study!.id),
    enabled: !!study,
  });
  const [email, setEmail] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<StudyMemberView | null>(null);

  const add = useMutation({
    mutationFn: (value: string) => dataProvider.addStudyMember(study!.id, { email: value }),
    onSuccess: (member) => {
      notify(`${member.email} can now see and run this study`, { type: 'info' });
      setEmail('');
      setTouched(false);
      setServerError(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      const body = getApiErrorBody(error);
      const field = body ? toFieldErrors(body.issues).email : undefined;
      if (field) setServerError(field);
      else notify(getErrorMessage(error), { type: 'error' });
    },
  });
  const remove = useMutation({
    mutationFn: (member: StudyMemberView) =>
      dataProvider.removeStudyMember(study!.id, member.researcherId),
    onSuccess: (_, member) => {
      notify(`${member.email} no longer has access`, { type: 'info' });
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => notify(getErrorMessage(error), { type: 'error' }),
    onSettled: () => setRemoving(null),
  });

  if (!study) return null;
  const owner = members.data?.find((m) => m.access === 'owner');
  const canManage =
    identity?.role === 'admin' || (!!owner && String(identity?.id) === owner.researcherId);
  const problem = emailProblem(email);
  const shownError = serverError ?? (touched ? problem : null);

  return (
    <Box sx={{ maxWidth: 640 }}>
      {members.error ? (
        <Typography color="error">{getErrorMessage(members.error)}</Typography>
      ) : (
        <List dense disablePadding aria-label="Researchers with access">
          {(members.data ?? []).map((m) => (
            <ListItem
              key={m.researcherId}
              disableGutters
              secondaryAction={
                canManage && m.access === 'member' ? (
                  <Tooltip title={`Remove ${m.email}'s access`}>
                    <IconButton
                      edge="end"
                      aria-label={`Remove ${m.email}'s access`}
                      onClick={() => setRemoving(m)}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                ) : null
              }
            >
              <ListItemText
                primary={
                  <>
                    {m.email}{' '}
                    <Chip
                      size="small"
                      label={m.access === 'owner' ? 'Owner' : 'Given access'}
                      color={m.access === 'owner' ? 'primary' : 'default'}
                    />
                  </>
                }
                secondary={`${m.name ? `${m.name} · ` : ''}since ${new Date(m.since).toLocaleDateString()}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {canManage && (
        <Box
          component="form"
          noValidate
          sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 1 }}
          onSubmit={(event) => {
            event.preventDefault();
            setTouched(true);
            setServerError(null);
            if (!problem) add.mutate(email.trim());
          }}
        >
          <TextField
            size="small"
            label="Give access to (email)"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              setServerError(null);
            }}
            onBlur={() => setTouched(email !== '')}
            error={!!shownError}
            helperText={shownError ?? 'The colleague needs a researcher account'}
            sx={{ flex: 1 }}
          />
          <Button type="submit" variant="outlined" disabled={add.isPending}>
            Give access
          </Button>
        </Box>
      )}
      <Confirm
        isOpen={!!removing}
        loading={remove.isPending}
        title={`Remove ${removing?.email ?? ''}'s access?`}
        content="They will no longer see this study, its participants, sessions or recordings."
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Box>
  );
};
