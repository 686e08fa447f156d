// How the docker CLI names registries in ~/.docker/config.json: Docker Hub under its historical
// index URL, every other registry under its bare host[:port].

/** The key Docker Hub's credentials are stored under (the CLI's `registry.IndexServer`). */
export const HUB_KEY = 'https://index.docker.io/v1/'

/** How Berth shows Docker Hub (the registry part of `docker.io/library/busybox`). */
export const HUB_HOST = 'docker.io'

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io'])

/** `https://host:5000/v2/` → `host:5000` (the CLI's ConvertToHostname). */
function hostnameOf(address: string): string {
  const stripped = address.trim().replace(/^https?:\/\//i, '')
  return (stripped.split('/')[0] ?? '').toLowerCase()
}

export function isHub(address: string): boolean {
  const host = hostnameOf(address)
  return host === '' || HUB_HOSTS.has(host)
}

/** The config.json key for a registry as a person or an image reference names it. */
export function credentialKey(registry: string): string {
  return isHub(registry) ? HUB_KEY : hostnameOf(registry)
}

/** The name Berth shows for a config.json key. */
export function displayHost(key: string): string {
  return isHub(key) ? HUB_HOST : hostnameOf(key)
}
