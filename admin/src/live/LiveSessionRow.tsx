import FiberManualRecordIcon from '@mui/icons-material/FiberManualRecord';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { Box, Button, Chip, Link, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useCreatePath } from 'react-admin';

import type { SessionUpdate } from '../../../src/games/common/dashboard-events';
import { ResourceName } from '../types';
import {
  agoText,
  connectionText,
  memberName,
  phaseText,
  progressText,
  stepText,
} from './liveSessions';
import { LevelMeter } from './LevelMeter';

const PHASE_COLOR: Record<string, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  playing: 'success',
  session: 'success',
  practice: 'info',
  countdown: 'info',
  paused: 'warning',
  aborted: 'error',
};

export interface RowActions {
  pending: boolean;
  onPause: () => void;
  onResume: () => void;
  onEnd: () => void;
}

/** Who is in the session, for labels: "T0001 and W0001". */
export const sessionName = (session: SessionUpdate): string =>
  session.members.map(memberName).join(' and ') || session.sessionId.slice(0, 8);

/**
 * One open session: who is connected (with a level meter each), phase, round and episode,
 * step or frames, score, the last upload acknowledged, and the researcher's actions. The row
 * carries `data-session-id`, `data-phase` and `data-step` for tests.
 */
export function LiveSessionRow({
  session,
  studyName,
  nowMs,
  actions,
}: {
  session: SessionUpdate;
  studyName: string | null;
  nowMs: number;
  actions: RowActions;
}) {
  const createPath = useCreatePath();
  const name = sessionName(session);
  const atari = session.kind === 'atari-demo';
  const ended = !session.open;
  return (
    <TableRow
      data-session-id={session.sessionId}
      data-phase={session.phase}
      data-step={session.step ?? ''}
      data-open={session.open}
      sx={ended ? { opacity: 0.55 } : undefined}
    >
      <TableCell>
        <Link
          component={RouterLink}
          to={createPath({ resource: ResourceName.Sessions, id: session.sessionId, type: 'show' })}
          aria-label={`Session ${name}`}
        >
          {name}
        </Link>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {[studyName, atari ? 'Atari' : 'RoboTaxi'].filter(Boolean).join(' · ')}
        </Typography>
      </TableCell>
      <TableCell>
        <Stack spacing={0.5}>
          {session.members.map((member) => {
            const who = memberName(member);
            const connection = connectionText(member);
            return (
              <Box
                key={`${member.role}-${member.id ?? who}`}
                sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
                data-member={member.participantId ?? member.role}
                data-connected={member.connected === null ? 'unknown' : String(member.connected)}
              >
                {connection !== null && (
                  <FiberManualRecordIcon
                    fontSize="inherit"
                    color={member.connected ? 'success' : 'disabled'}
                    titleAccess={`${who} ${connection}`}
                  />
                )}
                <Typography variant="body2" sx={{ minWidth: 52 }}>
                  {who}
                </Typography>
                <LevelMeter level={member.level} nowMs={nowMs} name={who} />
                {connection === 'away' && (
                  <Typography variant="caption" color="text.secondary">
                    away
                  </Typography>
                )}
              </Box>
            );
          })}
        </Stack>
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          label={phaseText(session)}
          color={PHASE_COLOR[session.phase] ?? 'default'}
          variant={ended ? 'outlined' : 'filled'}
        />
        {session.pause?.message && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            “{session.pause.message}”
          </Typography>
        )}
        {ended && session.abortReason && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {session.abortReason}
          </Typography>
        )}
      </TableCell>
      <TableCell>{progressText(session)}</TableCell>
      <TableCell>{stepText(session)}</TableCell>
      <TableCell>
        {session.score ?? '—'}
        {session.lives !== null && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {session.lives} {session.lives === 1 ? 'life' : 'lives'}
          </Typography>
        )}
      </TableCell>
      <TableCell data-last-upload={session.lastUploadAt ?? ''}>
        {agoText(session.lastUploadAt, nowMs)}
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1}>
          {!atari &&
            (session.actions.resume ? (
              <Button
                size="small"
                startIcon={<PlayArrowIcon />}
                onClick={actions.onResume}
                disabled={actions.pending}
                aria-label={`Resume session ${name}`}
              >
                Resume
              </Button>
            ) : (
              <Button
                size="small"
                startIcon={<PauseIcon />}
                onClick={actions.onPause}
                disabled={actions.pending || !session.actions.pause}
                aria-label={`Pause session ${name}`}
              >
                Pause
              </Button>
            ))}
          <Button
            size="small"
            color="error"
            startIcon={<StopIcon />}
            onClick={actions.onEnd}
            disabled={actions.pending || !session.actions.end}
            aria-label={`End session ${name}`}
          >
            End
          </Button>
        </Stack>
      </TableCell>
    </TableRow>
  );
}
