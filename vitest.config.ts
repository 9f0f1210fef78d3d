import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The SDK's notice that its 2027 releases need Node 22 is noise in test output (see README).
    // Tests run private in-process emulators unless a test asks for the shared local service (and
    // then stops it in afterAll), so a test run never leaves a detached service behind; should a test
    // die before its afterAll, the service still stops after 2 idle minutes.
    // CI=true on a runner makes Ink (is-in-ci) print only the final frame, which the screen tests read frame by frame.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', CI: 'false', CONTINUOUS_INTEGRATION: 'false', SPARKIFY_LOCAL_SERVICE: 'in-process', SPARKIFY_SERVICE_IDLE_MINUTES: '2' },
  },
});
