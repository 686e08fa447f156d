import { z } from 'zod'
import { parseImageReference } from '../image-reference'
import { CONTAINER_NAME, IMAGE_ID, ENV_KEY, isAbsolutePath, isIpAddress, LABEL_KEY, MAX_CPUS, MIN_CPUS, MIN_MEMORY_BYTES, NETWORK_NAME, PROTOCOLS, RESTART_POLICIES, VOLUME_NAME } from '../run/grammar'
import { request } from './define'

export interface RunResult {
  /** The new container's full id. */
  id: string
  /** What the engine warned about when creating it (e.g. no swap limit support). */
  warnings: string[]
}

const port = z.number().int().min(1).max(65535)
const absolute = z.string().min(1).max(4096).refine(isAbsolutePath, 'must be an absolute path')
const keyValue = (key: RegExp) => z.strictObject({ key: z.string().max(256).regex(key), value: z.string().max(32_768) })

// An image by Docker's reference grammar, or by id (an untagged image has only that).
const imageRef = z
  .string()
  .min(1)
  .max(512)
  .refine((v) => IMAGE_ID.test(v) || parseImageReference(v).ok, 'must be an image reference or id')

export const runParams = z.strictObject({
  image: imageRef,
  name: z.string().max(128).regex(CONTAINER_NAME, 'must be a container name').optional(),
  ports: z
    .array(
      z.strictObject({
        hostIp: z.string().refine(isIpAddress, 'must be an IP address').optional(),
        hostPort: port.optional(),
        containerPort: port,
        protocol: z.enum(PROTOCOLS).default('tcp'),
      }),
    )
    .max(1000)
    .default([]),
  env: z.array(keyValue(ENV_KEY)).max(1000).default([]),
  labels: z.array(keyValue(LABEL_KEY)).max(1000).default([]),
  mounts: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('bind'), source: absolute, target: absolute, readOnly: z.boolean().default(false) }),
        z.strictObject({ type: z.literal('volume'), source: z.string().max(255).regex(VOLUME_NAME), target: absolute, readOnly: z.boolean().default(false) }),
      ]),
    )
    .max(100)
    .default([]),
  network: z.string().max(128).regex(NETWORK_NAME).optional(),
  restart: z
    .strictObject({ policy: z.enum(RESTART_POLICIES), maxRetries: z.number().int().min(0).max(9999).optional() })
    .refine((r) => r.maxRetries === undefined || r.policy === 'on-failure', 'only on-failure takes a retry count')
    .default({ policy: 'no' }),
  cpus: z.number().min(MIN_CPUS).max(MAX_CPUS).optional(),
  memoryBytes: z.number().int().min(MIN_MEMORY_BYTES).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Replaces the image's CMD (argv; the entrypoint stays). */
  command: z.array(z.string().max(32_768)).min(1).max(1000).optional(),
  autoRemove: z.boolean().default(false),
  /** -it: a TTY and open stdin, for a shell you attach to later. */
  interactive: z.boolean().default(false),
})

export type RunParams = z.input<typeof runParams>

export const runRequests = {
  'run:start': request<RunResult>()(runParams),
}

export const runTopics = {}
