import { describe, expect, it } from 'vitest'
import { parseManifest, platformOfConfig } from './manifest'

// Shapes as registries serve them (docker push of a v2 image; a buildx multi-platform OCI index
// with attestations; a Docker manifest list).

const v2Image = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1469, digest: 'sha256:' + 'c'.repeat(64) },
  layers: [
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 772788, digest: 'sha256:' + 'a'.repeat(64) },
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 100, digest: 'sha256:' + 'b'.repeat(64) },
  ],
})

const ociIndex = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:' + '1'.repeat(64), size: 1000, platform: { architecture: 'amd64', os: 'linux' } },
    { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:' + '2'.repeat(64), size: 1000, platform: { architecture: 'arm', os: 'linux', variant: 'v7' } },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: 'sha256:' + '3'.repeat(64),
      size: 566,
      annotations: { 'vnd.docker.reference.digest': 'sha256:' + '1'.repeat(64), 'vnd.docker.reference.type': 'attestation-manifest' },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  ],
})

describe('parseManifest', () => {
  it('sums config and layers of an image manifest', () => {
    expect(parseManifest(v2Image, 'application/vnd.docker.distribution.manifest.v2+json')).toEqual({
      kind: 'image',
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      configDigest: 'sha256:' + 'c'.repeat(64),
      size: 1469 + 772788 + 100,
    })
  })

  it('reads an OCI image manifest (not mistaken for Docker schema 1)', () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:' + 'e'.repeat(64), size: 5 }, layers: [{ size: 7 }] })
    expect(parseManifest(body, null)).toMatchObject({ kind: 'image', size: 12 })
  })

  it('lists the platforms of an OCI index and marks attestations', () => {
    const parsed = parseManifest(ociIndex, 'application/vnd.oci.image.index.v1+json')
    expect(parsed.kind).toBe('index')
    if (parsed.kind !== 'index') return
    expect(parsed.entries.map((e) => [e.platform, e.attestation])).toEqual([
      [{ os: 'linux', architecture: 'amd64', variant: null }, false],
      [{ os: 'linux', architecture: 'arm', variant: 'v7' }, false],
      [{ os: 'unknown', architecture: 'unknown', variant: null }, true],
    ])
  })

  it('reads a Docker manifest list whose media type is only in the header', () => {
    const body = JSON.stringify({ schemaVersion: 2, manifests: [{ digest: 'sha256:' + '4'.repeat(64), platform: { os: 'windows', architecture: 'amd64' } }] })
    const parsed = parseManifest(body, 'application/vnd.docker.distribution.manifest.list.v2+json; charset=utf-8')
    expect(parsed).toMatchObject({ kind: 'index', mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json' })
  })

  it('refuses schema 1 and non-JSON with a reason', () => {
    expect(() => parseManifest(JSON.stringify({ schemaVersion: 1, name: 'x', fsLayers: [] }), 'application/vnd.docker.distribution.manifest.v1+prettyjws')).toThrow(
      expect.objectContaining({ details: { reason: 'registry_manifest_unsupported' } }),
    )
    expect(() => parseManifest('<html>', 'text/html')).toThrow(expect.objectContaining({ details: { reason: 'registry_manifest_unsupported' } }))
  })
})

describe('platformOfConfig', () => {
  it('reads os, architecture and variant of an image config', () => {
    expect(platformOfConfig(JSON.stringify({ architecture: 'arm64', os: 'linux', variant: 'v8', rootfs: {} }))).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' })
  })

  it('says unknown when the config lacks them', () => {
    expect(platformOfConfig('{}')).toEqual({ os: 'unknown', architecture: 'unknown', variant: null })
  })
})
