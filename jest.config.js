/** Jest projects by test layer; `npm test` runs all of them. */
const transform = {
  // Static assets bundled as strings (lib/bundling.ts TEXT_ASSET_LOADERS); before the TypeScript rule.
  '\\.(css|ui-script\\.js)$': '<rootDir>/test/support/text-transform.js',
  '^.+\\.[tj]s$': [
    'ts-jest',
    {
      tsconfig: {
        allowJs: true,
        module: 'commonjs',
        moduleResolution: 'node10',
        isolatedModules: true,
        esModuleInterop: true,
        target: 'ES2022',
        rootDir: '.',
      },
      diagnostics: false,
    },
  ],
};
// ESM-only packages that must be transformed for jest's CommonJS runtime.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose)/)'];
const base = { testEnvironment: 'node', transform, transformIgnorePatterns };
const localAws = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      ...localAws,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    { ...base, displayName: 'cdk', testMatch: ['<rootDir>/test/cdk/**/*.test.ts'] },
    { ...base, ...localAws, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    // The admin UI in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
    { ...base, ...localAws, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
