import DnsIcon from '@mui/icons-material/Dns';
import GroupIcon from '@mui/icons-material/Group';
import MicIcon from '@mui/icons-material/Mic';
import MovieIcon from '@mui/icons-material/Movie';
import SensorsIcon from '@mui/icons-material/Sensors';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Alert, Box, Button, Grid, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { Loading, Title, useBasename } from 'react-admin';

import { getErrorMessage } from '../dataProvider/apiError';
import { LIVE_PATH } from '../live';
import { RealtimeIndicator } from '../realtime';
import { StatCard } from './StatCard';
import { hoursText, utcDayText } from './statsText';
import { StudySelect, useStudyChoice } from './StudySelect';
import { useStats } from './useStats';

/**
 * The dashboard's home page: the numbers that matter for a study (or all), kept current from the
 * live channel (a moment after sessions or renders change).
 */
export function HomePage() {
  const basename = useBasename();
  const choice = useStudyChoice();
  const { data: stats, error, isPending } = useStats(choice.studyId);

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="OzLab" />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Overview
        </Typography>
        <RealtimeIndicator />
        <StudySelect choice={choice} />
        <Button
          component={RouterLink}
          to={`${basename}${LIVE_PATH}`}
          variant="contained"
          startIcon={<SensorsIcon />}
        >
          Live sessions
        </Button>
      </Stack>
      {error ? (
        <Alert severity="error">{getErrorMessage(error)}</Alert>
      ) : isPending || !stats ? (
        <Loading />
      ) : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <StatCard
              id="participants"
              title="Participants registered"
              icon={<GroupIcon fontSize="small" />}
              value={stats.participants.total}
              lines={[
                { label: 'Not started', value: stats.participants.registered },
                { label: 'Active', value: stats.participants.active },
                { label: 'Completed', value: stats.participants.completed },
                { label: 'Withdrawn', value: stats.participants.withdrawn },
              ]}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <StatCard
              id="sessions-today"
              title="Sessions today"
              icon={<DnsIcon fontSize="small" />}
              value={stats.sessions.today}
              caption={`Started during ${utcDayText(stats.sessions.day.start)}`}
              lines={[
                { label: 'Running now', value: stats.sessions.running },
                { label: 'Waiting for members', value: stats.sessions.waiting },
              ]}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <StatCard
              id="audio-hours"
              title="Hours of audio"
              icon={<MicIcon fontSize="small" />}
              value={hoursText(stats.audio.hours)}
              caption="Finalized tracks"
              lines={[{ label: 'Tracks', value: stats.audio.tracks }]}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <StatCard
              id="renders-queued"
              title="Renders queued"
              icon={<MovieIcon fontSize="small" />}
              value={stats.renders.queued}
              lines={[{ label: 'Rendering', value: stats.renders.rendering }]}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <StatCard
              id="episodes"
              title="Episodes"
              icon={<VerifiedIcon fontSize="small" />}
              value={stats.episodes.total}
              caption="Atari episodes are checked by re-emulation"
              lines={[
                { label: 'Verified', value: stats.episodes.verified },
                { label: 'Unverified', value: stats.episodes.unverified },
                { label: 'Not checked yet', value: stats.episodes.unchecked },
              ]}
            />
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
