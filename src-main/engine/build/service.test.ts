import { describe, expect, it } from 'vitest'
import { EngineConnection } from '../connection'
import { BuildService } from './service'

describe('BuildService', () => {
  it('gives every build its own stream key', () => {
    const s = new BuildService(new EngineConnection())
    expect(s.newBuildKey()).not.toBe(s.newBuildKey())
  })
})
