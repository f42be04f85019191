import * as fs from 'node:fs'
import * as path from 'node:path'
import {runCommand, type CommandResult} from '../../command.js'
import {secretForms, type LoginCredential} from '../../credential.js'
import {cut, errorMessage, redact} from '../../errors.js'
import {EngineFailure} from '../../failure.js'
import {MIN_TRY_MS} from '../../limits.js'
import {DEFAULT_RETRY, retry} from '../../retry.js'
import type {EngineContext, EngineName} from '../engine.js'
import type {CliFailure} from './cli-failures.js'

// How an engine proves a credential with a registry tool's own login (`docker login`, `podman login`…) before it
// writes anything of its own: in a private directory of the login's own (so logins to several registries run at once
// without racing on the real config, and a wrong password changes nothing there), the password on stdin (never in the
// arguments, where `ps` shows it), one deadline for every try together, and transient failures tried again. What
// differs between tools (the arguments, the environment, what the directory holds, how the tool's stderr is read) is
// the engine's to say: see CliLogin.

/** What one engine's tool needs to prove a login. */
export interface CliLogin<T> {
  /** The engine, which names the private directory (cloud-registry-login-<engine>-…). */
  engine: EngineName
  /** The tool as messages name it: "docker", "skopeo". */
  tool: string
  /** Its absolute path. */
  bin: string
  /** The whole login, every try included, in ms. */
  loginMs: number
  /**
   * Fills the private directory (new, empty, 0700) with what the tool must find there, and says how to run the tool:
   * its arguments and its environment. Called once, before the first try.
   */
  setUp(dir: string): {args: readonly string[]; env: Record<string, string>}
  /** What a failed try means, from the tool's stderr (and its exit code, when it printed nothing). */
  explain(stderr: string, exitCode: number): CliFailure
  /** What a login means that ran out of its `seconds` (never tried again: the budget is spent). */
  timedOut(seconds: number): CliFailure | Promise<CliFailure>
  /** What the engine wants from the directory once the tool succeeded, read before the directory is removed. */
  result(dir: string): T
}

/**
 * Proves `credential` with `cli`'s tool; returns what `cli.result` read. Throws EngineFailure with the tool's telling
 * line, secrets taken out; an Error when the tool cannot be started. The private directory is gone either way.
 */
export async function proveWithCli<T>(context: Pick<EngineContext, 'places' | 'log' | 'retryPolicy'>, credential: LoginCredential, cli: CliLogin<T>): Promise<T> {
  const {host} = credential.registry
  const {tool} = cli
  const secrets = secretForms(credential)
  const deadline = Date.now() + cli.loginMs
  fs.mkdirSync(context.places.tempDir, {recursive: true})
  const dir = fs.mkdtempSync(path.join(context.places.tempDir, `cloud-registry-login-${cli.engine}-`))
  try {
    const {args, env} = cli.setUp(dir)
    const once = async (): Promise<void> => {
      let result: CommandResult
      try {
        result = await runCommand(cli.bin, args, {env, input: credential.password, timeoutMs: Math.max(deadline - Date.now(), 1)})
      } catch (error) {
        throw new Error(`${tool} could not be started (${redact(errorMessage(error), secrets)})`)
      }
      if (result.timedOut) {
        // The budget, not the clock: the tool may take a moment more to stop.
        const failure = await cli.timedOut(Math.round(cli.loginMs / 1000))
        throw new EngineFailure(failure.kind, failure.statement, `${tool}: ${failure.detail}`, false)
      }
      if (result.exitCode === 0) return
      const explained = cli.explain(result.stderr, result.exitCode ?? -1)
      const detail = `${tool}: ${cut(redact(explained.detail, secrets), 300)}`
      throw new EngineFailure(explained.kind, explained.statement, detail, explained.transient)
    }
    await retry(once, error => error instanceof EngineFailure && error.transient, context.retryPolicy ?? DEFAULT_RETRY, {
      deadline,
      minTryMs: MIN_TRY_MS,
      // This try's own reason: the failure's statement is written for the last one ("over several tries").
      onRetry: (attempt, delay, error) =>
        context.log(
          `${host}: ${tool} login try ${attempt} failed (${error instanceof EngineFailure ? error.detail : errorMessage(error)}); ` +
            `trying again in ${(delay / 1000).toFixed(1)} s`
        )
    })
    return cli.result(dir)
  } finally {
    fs.rmSync(dir, {recursive: true, force: true})
  }
}
