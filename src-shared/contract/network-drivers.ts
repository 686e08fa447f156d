// Zod-free constants of the networks contract, for the renderer bundle.
export const NETWORK_DRIVERS = ['bridge', 'macvlan', 'ipvlan', 'overlay'] as const
/** Networks every engine creates itself; removing them would break the engine's defaults. */
export const BUILTIN_NETWORKS = ['bridge', 'host', 'none'] as const
