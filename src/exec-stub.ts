// Why this file exists: @actions/core imports @actions/exec (and with it @actions/io, about 1,000 lines) at load time,
// only for core.platform.getDetails(), which this action never calls; the action runs its programs itself
// (src/command.ts). tsconfig.json's "paths" points ncc's bundle at this stub instead, so every main and post run stops
// compiling and starting that code. Calling it fails loudly, so a future use cannot silently get a broken one.

export function getExecOutput(): never {
  throw new Error('@actions/exec is not bundled with this action (see src/exec-stub.ts)')
}
