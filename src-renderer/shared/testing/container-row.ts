import type { ContainerRow } from '../../../src-shared/contract'

/** A container row as main sends it, with overridable fields. */
export function row(over: Partial<ContainerRow> & { id: string }): ContainerRow {
  return {
    name: over.id,
    image: 'berth-test/busybox',
    command: 'sleep 1000',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 1 minute',
    health: null,
    ports: [],
    labels: {},
    composeProject: null,
    composeService: null,
    ...over,
  }
}
