import {
  Alert,
  Box,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';

import type { SessionUpdate } from '../../../src/games/common/dashboard-events';
import { Loading, Title } from 'react-admin';

import { getErrorMessage } from '../dataProvider/apiError';
import { StudySelect, useStudyChoice } from '../home/StudySelect';
import { RealtimeIndicator } from '../realtime';
import { EndSessionDialog } from './EndSessionDialog';
import { LiveSessionRow, sessionName } from './LiveSessionRow';
import { useLiveSessions } from './useLiveSessions';
import { useSessionActions } from './useSessionActions';

const COLUMNS = [
  'Session',
  'Participants',
  'Phase',
  'Round / episode',
  'Step / frames',
  'Score',
  'Last upload',
  'Actions',
];

/**
 * "Live sessions": every open session of the chosen study (or all), pushed as it changes
 * (`session:update`), with pause, resume and end.
 */
export function LiveSessionsPage() {
  const choice = useStudyChoice();
  const live = useLiveSessions(choice.studyId);
  const actions = useSessionActions(live.apply);
  // The session the end dialog is about (kept while the dialog closes, for its title).
  const [ending, setEnding] = useState<SessionUpdate | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sessions = live.list?.sessions ?? [];
  const studyName = (id: string) => choice.studies.find((s) => s.id === id)?.name ?? null;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Live sessions" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
            <Typography variant="h6" component="h1" sx={{ flex: 1 }}>
              Live sessions
            </Typography>
            <RealtimeIndicator />
            <StudySelect choice={choice} />
          </Stack>
          {live.error ? (
            <Alert severity="error">{getErrorMessage(live.error)}</Alert>
          ) : live.isPending ? (
            <Loading />
          ) : sessions.length === 0 ? (
            <Typography color="text.secondary" data-testid="no-live-sessions">
              No session is open right now. Sessions appear here as soon as a participant joins.
            </Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-label="Live sessions">
                <TableHead>
                  <TableRow>
                    {COLUMNS.map((c) => (
                      <TableCell key={c}>{c}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {sessions.map((session) => (
                    <LiveSessionRow
                      key={session.sessionId}
                      session={session}
                      studyName={choice.studyId ? null : studyName(session.studyId)}
                      nowMs={live.nowMs}
                      actions={{
                        pending: actions.pending === session.sessionId,
                        onPause: () => void actions.pause(session.sessionId),
                        onResume: () => void actions.resume(session.sessionId),
                        onEnd: () => {
                          setEnding(session);
                          setConfirming(true);
                        },
                      }}
                    />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </CardContent>
      </Card>
      <EndSessionDialog
        open={confirming}
        sessionName={ending ? sessionName(ending) : ''}
        pending={actions.pending !== null}
        onCancel={() => setConfirming(false)}
        onConfirm={(reason) => {
          setConfirming(false);
          if (ending) void actions.end(ending.sessionId, reason);
        }}
      />
    </Box>
  );
}
