import { app, dialog } from 'electron'
import type { SandboxProblem } from './sandbox-check'
import { mainStrings } from './strings'

/** Says why Berth will not run (on the terminal and in a dialog) and quits; nothing else is started. */
export function refuseToStart(problem: SandboxProblem): void {
  void app.whenReady().then(() => {
    const s = mainStrings('system', app.getLocale())
    const why = problem === 'root' ? s.runsAsRoot : s.noSandbox
    console.error(`berth: ${why}`)
    dialog.showErrorBox(s.cannotStart, why)
    app.exit(1)
  })
}
