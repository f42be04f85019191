// Types of file-commands.mjs, for the tests that import it.
export function readFileCommands(file: string): Map<string, string>
export function runnerFiles(dir: string, prefix?: string): Record<'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_STEP_SUMMARY', string>
