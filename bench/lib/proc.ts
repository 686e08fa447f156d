import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces and parentheses; fields restart after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(pid: number): number | null {
  const f = statFields(pid)
  return f ? Number(f[11]) + Number(f[12]) : null
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
  } catch {
    return ''
  }
}

/** Every live descendant of a process. */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const f = statFields(Number(name))
    if (f) parent.set(Number(name), Number(f[1]))
  }
  const out: number[] = []
  const walk = (pid: number) => {
    for (const [child, p] of parent) {
      if (p !== pid) continue
      out.push(child)
      walk(child)
    }
  }
  walk(root)
  return out
}

export function pidOf(name: string): number | null {
  try {
    const pid = Number(execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim())
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}
