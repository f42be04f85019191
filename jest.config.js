// Two projects: `unit` (pure logic and the orchestration driven through fakes; fast, no root, no outside parts) and
// `e2e` (drives the built dist/ against a real dockerd, registry and containerd that script/test-env starts, in
// namespaces of its own). script/test runs both; the unit run collects coverage over every file in src/, so a module
// without tests shows as 0 % and fails the 90 % bar.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  transform: {'^.+\\.ts$': ['ts-jest', {useESM: true, tsconfig: 'tsconfig.json'}]}
}

export default {
  // The end-to-end tests include a hung API connection that takes three 10 s tries to give up.
  testTimeout: 120_000,
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text', 'json-summary'],
  // Every module on its own, not an average that a well-tested signer could lift over an untested main.
  coverageThreshold: {'./src/**/*.ts': {lines: 90}},
  projects: [
    {...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts']},
    {...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'], slowTestThreshold: 30}
  ]
}
