// Two projects: `unit` (pure logic, fast, no outside parts) and `e2e` (drives the built dist/ against a real dockerd,
// registry and containerd that script/test-env starts). script/test runs both.
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
  projects: [
    {...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts']},
    {...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'], slowTestThreshold: 30}
  ]
}
