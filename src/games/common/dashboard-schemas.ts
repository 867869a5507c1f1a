/**
 * The zod schemas of the dashboard protocol's client payloads (the protocol itself is in
 * `dashboard-events.ts`). Server side only: the admin sends typed payloads and does not bundle zod.
 */
import { z } from 'zod';
import type { SubscribePayload } from './dashboard-events.js';

export const subscribeSchema: z.ZodType<SubscribePayload> = z.strictObject({
  studyId: z.uuid(),
});
