import {errorMessage, UserError} from './errors.js'
import * as log from './log.js'
import {main} from './main.js'
import {post} from './post.js'
import {isPost} from './state.js'

// One bundle serves both steps of action.yml (main and post); the state main saved tells them apart.
// Nothing runs at import time but this dispatch.
async function run(): Promise<void> {
  if (isPost()) {
    try {
      await post()
    } catch (error) {
      // Post never fails the job: by now the job's real work is done.
      log.warning(`Cleaning up the registry credentials failed: ${errorMessage(error)}`)
    }
    return
  }
  try {
    await main()
  } catch (error) {
    // Our own errors say what to do; anything else is a failure we did not foresee, and should be reported.
    log.fail(
      error instanceof UserError
        ? error.message
        : `${errorMessage(error)} (an unexpected failure of the action: please report it, with this log, in the action's issue tracker)`
    )
  }
}

// Deliberately not awaited: run() catches every failure itself (main's fails the step, post's is a warning), so there
// is nothing left for a top-level await to report, and importing this module need not wait on the whole run.
void run()
