import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import { RequireSession } from './components/RequireSession';
import { ConsentPage } from './pages/ConsentPage';
import { DeclinedPage } from './pages/DeclinedPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { MicCheckPage } from './pages/MicCheckPage';

// The game (renderer, socket.io, voice) loads only for the participants who play.
const RobotaxiPage = lazy(() =>
  import('./play/RobotaxiPage').then((module) => ({ default: module.RobotaxiPage })),
);
// The Atari emulator (~780 KB) loads only for demonstrators.
const AtariPage = lazy(() =>
  import('./atari/AtariPage').then((module) => ({ default: module.AtariPage })),
);

/**
 * The participant's journey: login -> consent -> home (-> mic check) -> play (a teacher's or a
 * wizard's RoboTaxi session) or atari (a demonstrator's Atari session). Pages after login sit behind `RequireSession`, which sends a
 * logged-out tab (logout, or a 401 from the API) back to login.
 */
export function App() {
  return (
    <Routes>
      <Route path="/" element={<LoginPage />} />
      <Route
        path="/consent"
        element={
          <RequireSession>
            <ConsentPage />
          </RequireSession>
        }
      />
      <Route path="/declined" element={<DeclinedPage />} />
      <Route
        path="/home"
        element={
          <RequireSession consented>
            <HomePage />
          </RequireSession>
        }
      />
      <Route
        path="/mic-check"
        element={
          <RequireSession consented>
            <MicCheckPage />
          </RequireSession>
        }
      />
      <Route
        path="/play"
        element={
          <RequireSession consented>
            <Suspense fallback={null}>
              <RobotaxiPage />
            </Suspense>
          </RequireSession>
        }
      />
      <Route
        path="/atari"
        element={
          <RequireSession consented>
            <Suspense fallback={null}>
              <AtariPage />
            </Suspense>
          </RequireSession>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
