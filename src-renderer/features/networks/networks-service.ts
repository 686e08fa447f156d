import { api } from '../../api'
import { parseLabels, type NetworkForm } from './network-form'

// What the Networks screen asks of main besides the list (networks-store.ts keeps that).

export const inspectNetwork = (id: string) => api().invoke('networks:inspect', { id })

/** Creates a network from the form as typed (checked by checkNetworkForm first). */
export function createNetwork(form: NetworkForm) {
  return api().invoke('networks:create', {
    name: form.name.trim(),
    driver: form.driver as 'bridge',
    subnet: form.subnet.trim() || undefined,
    gateway: form.gateway.trim() || undefined,
    ipv6: form.ipv6,
    internal: form.internal,
    attachable: form.attachable,
    labels: parseLabels(form.labels) ?? {},
    parent: form.parent.trim() || undefined,
  })
}

export const connectContainer = (network: string, container: string, aliases: string[]) => api().invoke('networks:connect', { network, container, aliases })
export const disconnectContainer = (network: string, container: string) => api().invoke('networks:disconnect', { network, container })
export const removeNetworks = (ids: string[]) => api().invoke('networks:remove', { ids })
export const networksToPrune = () => api().invoke('networks:prune-preview', undefined)
export const pruneNetworks = () => api().invoke('networks:prune', undefined)
