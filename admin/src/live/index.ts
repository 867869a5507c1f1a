export { LiveSessionsPage } from './LiveSessionsPage';

/** The live view's route (a custom route of the admin). */
export const LIVE_PATH = '/live';
