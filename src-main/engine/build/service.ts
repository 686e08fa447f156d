import type { FolderPick } from '../../../src-shared/contract/build'
import type { StreamSource } from '../../streams/registry'
import type { BuildMessage } from '../../../src-shared/contract/build'
import type { EngineConnection } from '../connection'
import { buildSource, type BuildRequest } from './source'

/** Asks the person for a folder (Electron's dialog); null when cancelled. */
export interface FolderPicker {
  pickFolder(): Promise<string | null>
}

/** Image builds from a context folder on the machine main runs on. */
export class BuildService {
  private counter = 0
  /** Set by the carrier: Electron's folder dialog; browser mode has none. */
  folderPicker: FolderPicker | null = null

  constructor(private readonly conn: EngineConnection) {}

  /** Each build is its own stream: a fresh key per subscription, so two builds never share. */
  newBuildKey(): string {
    return `build:${++this.counter}:${Date.now().toString(36)}`
  }

  source(p: BuildRequest): StreamSource<BuildMessage> {
    return buildSource(this.conn, p)
  }

  async pickFolder(): Promise<FolderPick> {
    if (!this.folderPicker) return { kind: 'unavailable' }
    const path = await this.folderPicker.pickFolder()
    return path ? { kind: 'picked', path } : { kind: 'cancelled' }
  }
}
