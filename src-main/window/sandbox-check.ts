// Berth's window runs in Chromium's sandbox, always. Plain Node (no Electron import), so a test
// can put every case to the function main calls before it starts anything.

/** Why the sandbox would be off: running as root on Linux (Chromium runs there only with
 * --no-sandbox), or the --no-sandbox switch itself. */
export type SandboxProblem = 'root' | 'no-sandbox'

interface ProcessFacts {
  platform: NodeJS.Platform
  /** process.getuid?.(): undefined on Windows. */
  uid: number | undefined
  /** app.commandLine.hasSwitch('no-sandbox') */
  noSandboxSwitch: boolean
}

export function sandboxProblem(facts: ProcessFacts): SandboxProblem | null {
  if (facts.platform === 'linux' && facts.uid === 0) return 'root'
  return facts.noSandboxSwitch ? 'no-sandbox' : null
}
