import { Admin, Resource } from 'react-admin';

import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { LoginPage } from './LoginPage';
import participants from './participants';
import roms from './roms';
import studies from './studies';
import { ResourceName } from './types';

/** Where the API serves the dashboard; `vite.config.ts` builds with the same base. */
export const BASENAME = '/admin';

export const App = () => (
  <Admin
    basename={BASENAME}
    title="OzLab"
    dataProvider={dataProvider}
    authProvider={authProvider}
    loginPage={LoginPage}
    requireAuth
    disableTelemetry
  >
    <Resource name={ResourceName.Studies} {...studies} />
    <Resource name={ResourceName.Participants} {...participants} />
    <Resource name={ResourceName.Roms} {...roms} />
  </Admin>
);
