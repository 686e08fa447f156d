import type { LinkHost } from '../exports/host'
import { Downloads } from './downloads'
import { Uploads } from './uploads'

/** Browser mode's host: the download and upload links the web server serves. */
export interface BrowserHost extends LinkHost {
  exports: Downloads
  uploads: Uploads
}

export function browserHost(): BrowserHost {
  return { kind: 'links', exports: new Downloads(), uploads: new Uploads() }
}
