import { io } from 'socket.io-client';

import { DASHBOARD_NAMESPACE } from '../../../src/games/common/dashboard-events';
import { getToken } from '../authStorage';
import { RealtimeConnection } from './connection';

/** The dashboard's one live connection (same origin; the API serves the admin). */
export const realtime = new RealtimeConnection({
  createSocket: (auth) =>
    io(DASHBOARD_NAMESPACE, {
      auth,
      // WebSocket only, like the participant client: no sticky sessions needed behind a balancer.
      transports: ['websocket'],
      autoConnect: false,
    }),
  getToken,
  watchStorage: (onChange) => {
    window.addEventListener('storage', onChange);
    return () => window.removeEventListener('storage', onChange);
  },
});
