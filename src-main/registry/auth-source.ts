/**
 * What the engine's X-Registry-Auth header carries for one registry (dockerode's `authconfig`).
 * Lives in main only: it never crosses the contract and is never logged.
 */
export interface EngineAuth {
  serveraddress: string
  username?: string
  password?: string
  identitytoken?: string
}

/** Where pull and push find credentials for a registry host (`docker.io`, `localhost:5000`). */
export interface RegistryAuthSource {
  authFor(registryHost: string): Promise<EngineAuth | null>
}
