import * as core from '@actions/core'
import {visible} from './errors.js'
import {UNSAFE} from './limits.js'
import {redactRemembered} from './secrets.js'

// The only way the action prints: every line, warning, failure and group title goes through `clean`, so that nothing
// that came from outside (an input, docker's stderr, a cloud's message) can run a workflow command, move the cursor,
// or show a secret or part of one.
//
// How the runner reads a step's output (actions/runner, src/Runner.Sdk/ProcessInvoker.cs, ActionCommand.cs):
// - it splits stdout into lines with StreamReader.ReadLine, which ends a line at "\n", at "\r\n" and at a lone "\r";
// - a line is a command when, after TrimStart (every Unicode white space, U+0085 included), it starts with "::" and
//   names a known command before the next "::" (TryParseV2);
// - the old form is still honoured, and anywhere in a line: the first "##[" followed by a known command name and "]"
//   (TryParse; ">>> ##[warning]x" is a warning). Both comparisons are culture-sensitive, so characters that collation
//   ignores (soft hyphen, zero-width joiner, other format characters) may sit inside "##[" or "::" unseen.
// core.warning and core.error escape "%", "\r" and "\n" in what they send, but core.info writes the text as it is.
//
// So: every control character (C0, DEL, C1: ESC and CSI move the cursor), every format character and the Unicode line
// and paragraph separators are shown as visible escapes (\x1b, \r, \u200b); a line whose first non-blank characters
// are "::" gets a backslash in front of them; and every "##[" becomes "##[\" (the runner's own escape for its markers),
// so no command name can follow it.

/**
 * The most characters one printed text keeps. Generous (a failure listing many regions fits), but bounded: a huge
 * value inside an error from anywhere must not turn into a huge annotation.
 */
export const MAX_TEXT = 8000

/** One line made inert: control and format characters escaped, no leading "::", no "##[" the runner could read. */
function neutraliseLine(line: string): string {
  return line
    .replace(UNSAFE, visible)
    .replace(/^(\s*)::/, '$1\\::')
    .split('##[')
    .join('##[\\')
}

/**
 * Text made safe to print: secrets (and fragments of them) replaced, and every line neutralised. "\n" and "\r\n" stay
 * line breaks (messages of several lines are ours), each resulting line made inert on its own; a lone "\r" is shown
 * as "\r". Cut to MAX_TEXT characters.
 */
export function clean(text: string): string {
  const lines = redactRemembered(text).split(/\r?\n/).map(neutraliseLine).join('\n')
  return lines.length > MAX_TEXT ? `${lines.slice(0, MAX_TEXT - 1)}…` : lines
}

/** A line in the step's log. */
export function info(text: string): void {
  core.info(clean(text))
}

/** A warning annotation (the step goes on). */
export function warning(text: string): void {
  core.warning(clean(text))
}

/** Fails the step with this message (an error annotation). */
export function fail(text: string): void {
  core.setFailed(clean(text))
}

/** Runs `fn` inside a collapsible group of the log. */
export async function group<T>(title: string, fn: () => Promise<T>): Promise<T> {
  return core.group(clean(title), fn)
}
