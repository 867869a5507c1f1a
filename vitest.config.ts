import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the server's TypeScript so that Nest's decorator metadata
// (emitDecoratorMetadata) is emitted in tests exactly as tsc emits it in the build.
const server = {
  plugins: [swc.vite({ module: { type: 'es6' } })],
};

export default defineConfig({
  test: {
    projects: [
      {
        ...server,
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'admin/src/**/*.spec.ts', 'client/src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        ...server,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        ...server,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // After the other tiers, alone: the recording tests time real audio in Chromium, which
          // a machine busy with the integration tests would starve.
          sequence: { groupOrder: 1 },
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
