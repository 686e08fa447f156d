import { BerthError } from '../../../src-shared/contract/errors'
import type { ProcessTable } from '../../../src-shared/contract/stats'
import type { EngineConnection } from '../connection'
import { subject } from '../subject'

/** `docker top`: the engine's column titles and one row per process. */
export async function topOf(conn: EngineConnection, ref: string, psArgs?: string): Promise<ProcessTable> {
  const what = subject('container', ref)
  try {
    const res = (await conn.run((d) => d.getContainer(ref).top(psArgs ? { ps_args: psArgs } : {}), what)) as { Titles?: string[]; Processes?: string[][] | null }
    return { titles: res.Titles ?? [], processes: res.Processes ?? [] }
  } catch (err) {
    if (err instanceof BerthError && err.code === 'CONFLICT' && err.details?.reason === 'container_not_running') {
      throw new BerthError('CONFLICT', `Container “${what.ref}” is not running, so it has no processes to list. Start it first.`, { ...err.details, reason: 'top_not_running' })
    }
    if (psArgs && err instanceof BerthError && err.code === 'INTERNAL' && /\bps\b/i.test(String(err.details?.engineMessage ?? ''))) {
      // The engine runs ps on its host and needs a PID column in what it prints.
      throw new BerthError('INVALID_INPUT', `The engine’s ps could not list processes with the options “${psArgs}”: ${String(err.details?.engineMessage)}. Try -ef or aux.`, {
        ...err.details,
        reason: 'top_ps_args',
      })
    }
    throw err
  }
}
