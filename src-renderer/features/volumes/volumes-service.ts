import type { ParamsOf } from '../../../src-shared/contract'
import type { VolumeProgress } from '../../../src-shared/contract/volumes'
import { api, postUpload } from '../../api'

// What the volume screens ask of main besides the list (volumes-store.ts keeps that).

export const volumePrunePreview = (includeNamed: boolean) => api().invoke('volumes:prune-preview', { includeNamed })
export const pruneVolumes = (names: string[]) => api().invoke('volumes:prune', { names })
export const cloneVolume = (name: string, target: string, progress: string) => api().invoke('volumes:clone', { name, target, progress })
export const exportVolume = (name: string, progress: string) => api().invoke('volumes:export', { name, progress })
export const browseVolume = (name: string, path: string) => api().invoke('volumes:browse', { name, path })
export const readVolumeFile = (name: string, path: string) => api().invoke('volumes:read-file', { name, path })
export const downloadVolumeFile = (name: string, path: string) => api().invoke('volumes:download-file', { name, path })
export const importVolume = (params: ParamsOf<'volumes:import'>) => api().invoke('volumes:import', params)

/** Browser mode: sends the picked .tar to the one-time upload link main handed out for an import. */
export const uploadVolumeTar = (url: string, body: File) => postUpload(url, body, 'application/x-tar')

/** Follows one transfer's progress; resolves to the unsubscribe function once main accepted. */
export const followVolumeProgress = (token: string, onProgress: (p: VolumeProgress) => void) => api().subscribe('volumes:progress', { token }, onProgress)
