import ReplayIcon from '@mui/icons-material/Replay';
import SensorsIcon from '@mui/icons-material/Sensors';
import {
  Admin,
  CustomRoutes,
  Layout,
  type LayoutProps,
  Menu,
  Resource,
  useBasename,
} from 'react-admin';
import { Route } from 'react-router-dom';

import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import episodes from './episodes';
import { HomePage } from './home';
import { LIVE_PATH, LiveSessionsPage } from './live';
import { LoginPage } from './LoginPage';
import participants from './participants';
import renders from './renders';
import { ReplayFilePage } from './replay/ReplayFilePage';
import roms from './roms';
import sessions from './sessions';
import studies from './studies';
import { INVITE_SHEET_PATH } from './studies/inviteSheet';
import { InviteSheetPage } from './studies/InviteSheetPage';
import { ResourceName } from './types';

/** Where the API serves the dashboard; `vite.config.ts` builds with the same base. */
export const BASENAME = '/admin';

/** The standalone replay viewer's route (a dropped log and WAV, no upload). */
export const REPLAY_FILE_PATH = '/replay';

/**
 * The home page, the live sessions, the resources, then the standalone viewer (the custom
 * pages' links need the basename: the routes are nested).
 */
const AppMenu = () => {
  const basename = useBasename();
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Overview" />
      <Menu.Item
        to={`${basename}${LIVE_PATH}`}
        primaryText="Live sessions"
        leftIcon={<SensorsIcon />}
      />
      <Menu.ResourceItems />
      <Menu.Item
        to={`${basename}${REPLAY_FILE_PATH}`}
        primaryText="Replay a file"
        leftIcon={<ReplayIcon />}
      />
    </Menu>
  );
};

const AppLayout = (props: LayoutProps) => <Layout {...props} menu={AppMenu} />;

export const App = () => (
  <Admin
    basename={BASENAME}
    title="OzLab"
    dataProvider={dataProvider}
    authProvider={authProvider}
    loginPage={LoginPage}
    layout={AppLayout}
    dashboard={HomePage}
    requireAuth
    disableTelemetry
  >
    <Resource name={ResourceName.Studies} {...studies} />
    <Resource name={ResourceName.Participants} {...participants} />
    <Resource name={ResourceName.Sessions} {...sessions} />
    <Resource name={ResourceName.Episodes} {...episodes} />
    <Resource name={ResourceName.Renders} {...renders} />
    <Resource name={ResourceName.Roms} {...roms} />
    <CustomRoutes>
      <Route path={REPLAY_FILE_PATH} element={<ReplayFilePage />} />
      <Route path={LIVE_PATH} element={<LiveSessionsPage />} />
    </CustomRoutes>
    <CustomRoutes noLayout>
      <Route path={INVITE_SHEET_PATH} element={<InviteSheetPage />} />
    </CustomRoutes>
  </Admin>
);
