import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useMemo, useState } from 'react';
import {
  useAuthenticated,
  useBasename,
  useDataProvider,
  useGetOne,
  type DataProvider,
} from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';

import { CopyButton } from '../common/CopyButton';
import { getErrorMessage } from '../dataProvider/apiError';
import { ROLE_CHOICES } from '../participants/choices';
import { ResourceName, type Participant, type Study } from '../types';
import { inviteCards, inviteCardsTsv, type InviteCard, type SheetRole } from './inviteSheet';
import { studyLoginUrl } from './studyUrls';

const PAGE = 1000;

/** Every participant of the study, page by page (a study can have more than one page). */
async function allParticipants(dataProvider: DataProvider, studyId: string) {
  const rows: Participant[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = await dataProvider.getList<Participant>(ResourceName.Participants, {
      filter: { studyId },
      pagination: { page, perPage: PAGE },
      sort: { field: 'participantId', order: 'ASC' },
    });
    rows.push(...data);
    if (data.length < PAGE || rows.length >= (total ?? 0)) return rows;
  }
}

/** The invite link as a QR code (SVG, drawn here: the link never leaves the browser). */
function InviteQr({ url, label }: { url: string; label: string }) {
  const { data } = useQuery({
    queryKey: ['invite-qr', url],
    queryFn: () => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    staleTime: Infinity,
  });
  if (!data) return <Box sx={{ width: 128, height: 128 }} />;
  return (
    <img
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`}
      alt={label}
      width={128}
      height={128}
    />
  );
}

function Card({ card, study }: { card: InviteCard; study: Study }) {
  const role = ROLE_CHOICES.find((c) => c.id === card.role)?.name ?? card.role;
  return (
    <Box
      data-testid="invite-card"
      data-participant-id={card.participantId}
      sx={{
        border: '1px dashed #999',
        p: 1.5,
        display: 'flex',
        gap: 1.5,
        alignItems: 'center',
        breakInside: 'avoid',
        pageBreakInside: 'avoid',
      }}
    >
      <InviteQr url={card.inviteUrl} label={`Invite QR code for ${card.participantId}`} />
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="caption" color="text.secondary">
          {study.name} · {role}
        </Typography>
        <Typography variant="h5" sx={{ fontFamily: 'monospace', fontWeight: 700 }}>
          {card.participantId}
        </Typography>
        {study.requireAccessCode && card.accessCode && (
          <Typography variant="body2">
            Access code: <strong style={{ fontFamily: 'monospace' }}>{card.accessCode}</strong>
          </Typography>
        )}
        <Typography variant="caption" component="div" sx={{ mt: 0.5 }}>
          Scan the code, or open:
        </Typography>
        <Typography
          variant="caption"
          component="div"
          data-testid="invite-url"
          sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
        >
          {card.inviteUrl}
        </Typography>
      </Box>
    </Box>
  );
}

/**
 * A printable sheet of invite cards for a study (route `/invite-sheet/:studyId`, outside the
 * layout so that only the cards print): one card per participant with their ID, the QR code of
 * their personal invite link and the link itself, to cut out and hand over.
 */
export const InviteSheetPage = () => {
  useAuthenticated();
  const { studyId = '' } = useParams();
  const dataProvider = useDataProvider();
  const basename = useBasename();
  const [role, setRole] = useState<SheetRole>('all');
  const [includeCompleted, setIncludeCompleted] = useState(false);
  const study = useGetOne<Study>(ResourceName.Studies, { id: studyId }, { enabled: !!studyId });
  const participants = useQuery({
    queryKey: ['invite-sheet', studyId],
    queryFn: () => allParticipants(dataProvider, studyId),
    enabled: !!studyId,
  });
  const cards = useMemo(
    () => inviteCards(participants.data ?? [], role, includeCompleted),
    [participants.data, role, includeCompleted],
  );

  const error = study.error ?? participants.error;
  if (error) return <Alert severity="error">{getErrorMessage(error)}</Alert>;
  if (!study.data || !participants.data)
    return (
      <Box sx={{ p: 4 }}>
        <CircularProgress aria-label="Loading" />
      </Box>
    );

  return (
    <Box sx={{ p: 3, '@media print': { p: 0 } }}>
      <Stack
        direction="row"
        spacing={2}
        sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap', '@media print': { display: 'none' } }}
      >
        <Button
          component={RouterLink}
          to={`${basename}/${ResourceName.Studies}/${encodeURIComponent(studyId)}/show`}
          startIcon={<ArrowBackIcon />}
        >
          Back to the study
        </Button>
        <TextField
          select
          size="small"
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as SheetRole)}
          fullWidth={false}
          sx={{ width: 200, flexShrink: 0 }}
        >
          <MenuItem value="all">All roles</MenuItem>
          {ROLE_CHOICES.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Checkbox
              checked={includeCompleted}
              onChange={(event) => setIncludeCompleted(event.target.checked)}
            />
          }
          label="Include completed"
        />
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()}>
          Print
        </Button>
        <CopyButton value={inviteCardsTsv(cards)} label="Copy all invite links (TSV)" />
      </Stack>
      <Typography variant="h6">{study.data.name}: invite cards</Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {cards.length} card{cards.length === 1 ? '' : 's'}. Without the link, participants log in at{' '}
        <span style={{ fontFamily: 'monospace' }}>{studyLoginUrl(study.data.slug)}</span> with their
        ID.
      </Typography>
      {cards.length === 0 ? (
        <Typography color="text.secondary">
          No participant to invite: register participants on the study page first.
        </Typography>
      ) : (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
            gap: 1,
            '@media print': { gridTemplateColumns: 'repeat(2, 1fr)' },
          }}
        >
          {cards.map((card) => (
            <Card key={card.participantId} card={card} study={study.data} />
          ))}
        </Box>
      )}
    </Box>
  );
};
