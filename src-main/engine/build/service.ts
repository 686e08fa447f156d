import type { StreamSource } from '../../streams/registry'
import type { BuildMessage } from '../../../src-shared/contract/build'
import type { EngineConnection } from '../connection'
import { buildSource, type BuildRequest } from './source'

/** Image builds from a context folder on the machine main runs on. */
export class BuildService {
  private counter = 0

  constructor(private readonly conn: EngineConnection) {}

  /** Each build is its own stream: a fresh key per subscription, so two builds never share. */
  newBuildKey(): string {
    return `build:${++this.counter}:${Date.now().toString(36)}`
  }

  source(p: BuildRequest): StreamSource<BuildMessage> {
    return buildSource(this.conn, p)
  }
}
