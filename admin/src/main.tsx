import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';

import { App, BASENAME } from './App';

// The dashboard owns a browser router and mounts <Admin basename="/admin"> under /admin/*, so
// URLs read /admin/studies/1/show (the API answers index.html for every /admin/* path).
// A data router, so that react-admin can block navigation away from unsaved forms.
// No transitions: react-admin's logout navigates then clears its caches in the same tick; a
// navigation deferred by startTransition lets the cleared auth state re-run the logout, again
// and again (thousands of navigations and ~10 s before the login page shows, when measured).
const router = createBrowserRouter([
  { path: `${BASENAME}/*`, element: <App /> },
  { path: '*', element: <Navigate to={BASENAME} replace /> },
]);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} useTransitions={false} />
  </StrictMode>,
);
