/** Browser helpers of the admin e2e tests: the study form, the register dialog, the live view. */
import type { Locator, Page } from 'playwright-core';

/** A RoboTaxi level as the study config holds it. */
interface LevelConfig {
  grid: string[];
  orientation?: string;
}

/** The RoboTaxi settings the study form is filled with (any left out keep their defaults). */
export interface RobotaxiFormConfig {
  consentText: string;
  instructions: string;
  completionCode?: string;
  rounds?: number;
  stepLimit?: number;
  stepMs?: number;
  bombCountdownMs?: number;
  roundCountdownMs?: number;
  practiceLevel?: LevelConfig;
  level?: LevelConfig;
}

/** The form's labels of the numeric settings (admin/src/studies/studyConfig.ts). */
const NUMERIC_LABELS = {
  rounds: 'Rounds',
  stepLimit: 'Step limit per round',
  stepMs: 'Step duration (ms)',
  bombCountdownMs: 'Pause after a bomb (ms)',
  roundCountdownMs: 'Pause between rounds (ms)',
} as const;

/** The level inputs, in the order the form shows them (each has its own "Start facing"). */
const LEVEL_INPUTS = [
  ['practiceLevel', 'Practice level'],
  ['level', 'Real-round level'],
] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&');

/** An input's label, alone or with the asterisk of a required input ("Name *"). */
const label = (text: string) => new RegExp(`^${escapeRegExp(text)}(\\s*\\*)?$`);

const capitalized = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();

/** Fills the study create form (`/admin/studies/create`) for a RoboTaxi study; does not save. */
export async function fillRobotaxiStudyForm(
  page: Page,
  study: { name: string; slug: string; config: RobotaxiFormConfig },
): Promise<void> {
  const { config } = study;
  await page.getByLabel(label('Name')).fill(study.name);
  await page.getByLabel(label('Slug')).fill(study.slug);
  // RoboTaxi is the default kind.
  await page.getByRole('combobox', { name: 'Kind' }).getByText('RoboTaxi').waitFor();
  await page.getByLabel(label('Consent text')).fill(config.consentText);
  await page.getByLabel(label('Instructions')).fill(config.instructions);
  if (config.completionCode)
    await page.getByLabel(label('Completion code')).fill(config.completionCode);
  for (const [key, text] of Object.entries(NUMERIC_LABELS)) {
    const value = config[key as keyof typeof NUMERIC_LABELS];
    if (value !== undefined) await page.getByLabel(label(text)).fill(String(value));
  }
  for (const [index, [key, text]] of LEVEL_INPUTS.entries()) {
    const level = config[key];
    if (!level) continue;
    await page.getByLabel(label(text)).fill(level.grid.join('\n'));
    if (level.orientation) {
      await page.getByRole('combobox', { name: 'Start facing' }).nth(index).click();
      await page.getByRole('option', { name: capitalized(level.orientation) }).click();
    }
  }
}

/** Registers a range of IDs through the "Register participants" dialog of the page shown. */
export async function registerParticipants(
  page: Page,
  range: string,
  expected: number,
): Promise<void> {
  await page.getByRole('button', { name: 'Register participants' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Range').fill(range);
  await dialog.getByRole('button', { name: 'Register' }).click();
  await page.getByText(`Registered ${expected} participants`).first().waitFor();
  await dialog.waitFor({ state: 'detached' });
}

/** One row of the live sessions page, as shown at one instant. */
export interface LiveRowView {
  phase: string;
  step: string;
  open: string;
  /** The row's cell texts by column header ("Phase", "Step / frames", "Score", ...). */
  cells: Record<string, string>;
  /** Each member: participant ID, `data-connected`, and the level meter's percentage. */
  members: { id: string; connected: string; level: number }[];
}

/** The few DOM members read in the page (the tests are compiled without the DOM types). */
interface ElementLike {
  textContent: string | null;
  children: ArrayLike<ElementLike>;
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
}

/** Reads a live session row (`tr[data-session-id]`) in one go, so its values belong together. */
export function liveRowView(row: Locator): Promise<LiveRowView> {
  return row.evaluate((element: unknown) => {
    const tr = element as ElementLike;
    const headers = Array.from(tr.closest('table')?.querySelectorAll('thead th') ?? []).map(
      (th) => th.textContent ?? '',
    );
    const cells: Record<string, string> = {};
    Array.from(tr.children).forEach((td, i) => {
      cells[headers[i] ?? String(i)] = (td.textContent ?? '').trim();
    });
    return {
      phase: tr.getAttribute('data-phase') ?? '',
      step: tr.getAttribute('data-step') ?? '',
      open: tr.getAttribute('data-open') ?? '',
      cells,
      members: Array.from(tr.querySelectorAll('[data-member]')).map((m) => ({
        id: m.getAttribute('data-member') ?? '',
        connected: m.getAttribute('data-connected') ?? '',
        level: Number(m.querySelector('[data-level]')?.getAttribute('data-level') ?? NaN),
      })),
    };
  });
}

/**
 * Collects the `event` pushes the page's dashboard socket receives (socket.io frames like
 * `42/dashboard,["session:update",{...}]`) from now on: install it before the page connects.
 */
export function dashboardPushes<T = unknown>(page: Page, event: string): T[] {
  const pushed: T[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/socket.io/')) return;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.startsWith('42/dashboard,')) return;
      const packet = JSON.parse(payload.slice(payload.indexOf('['))) as unknown[];
      if (packet[0] === event) pushed.push(packet[1] as T);
    });
  });
  return pushed;
}
