import DOMPurify from 'dompurify'
import { marked } from 'marked'

// A Hub README is Markdown written by anyone, with raw HTML allowed. It is rendered by `marked`
// and then sanitized by DOMPurify before it touches the page: no script, no event handlers, no
// javascript: (or any non-http) links, no URL in any other attribute, no frames or forms. The app's CSP (img-src 'self' data:)
// would block remote images anyway, and loading them would tell the image host who reads what:
// images become links the person can choose to open. http(s) links open outside the app
// (target=_blank goes through main's window-open guard to the OS browser).

export interface ReadmeLabels {
  /** "Image: {alt}" with the alt text put in. */
  image: (alt: string) => string
  imageNoAlt: string
}

const FORBID_TAGS = ['style', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'svg', 'math', 'video', 'audio', 'source', 'picture']

function isHttp(href: string | null): href is string {
  if (!href) return false
  try {
    const u = new URL(href)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Every attribute that holds a URL, in HTML or SVG. DOMPurify keeps some of them on any element
 * (href, cite, background, poster, action…) when the URL is harmless to it; to Berth each is a
 * request or a navigation, so each goes through the link policy in `applyLinkPolicy`.
 */
const URL_ATTRIBUTES = [
  'href',
  'xlink:href',
  'src',
  'srcset',
  'imagesrcset',
  'action',
  'formaction',
  'poster',
  'cite',
  'background',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'ping',
  'data',
  'codebase',
  'classid',
  'archive',
  'manifest',
  'icon',
  'profile',
  'itemtype',
]
/** Elements a person follows by clicking: their http(s) href stays a link. */
const LINK_ELEMENTS = new Set(['A', 'AREA'])

/**
 * The link policy: an http(s) href on a link element stays, opening outside the app; an <img>
 * keeps its src for `imagesToLinks`, which never loads it. Every other URL attribute on any
 * element goes: in-page anchors would move the app's hash router, other schemes go nowhere good,
 * and a URL the page would fetch by itself (a table's background, say) tells its host who reads what.
 */
function applyLinkPolicy(node: Element): void {
  for (const name of URL_ATTRIBUTES) {
    if (!node.hasAttribute(name)) continue
    const keep = (name === 'href' && LINK_ELEMENTS.has(node.nodeName) && isHttp(node.getAttribute(name))) || (name === 'src' && node.nodeName === 'IMG')
    if (!keep) node.removeAttribute(name)
  }
  if (LINK_ELEMENTS.has(node.nodeName) && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank')
    node.setAttribute('rel', 'noopener noreferrer')
  }
}

let purifier: ReturnType<typeof DOMPurify> | null = null

function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier
  const p = DOMPurify(window)
  p.addHook('afterSanitizeAttributes', applyLinkPolicy)
  purifier = p
  return p
}

/** Replaces every <img> by a link to it (or by its alt text when its source is not http). */
function imagesToLinks(root: DocumentFragment, labels: ReadmeLabels): void {
  for (const img of [...root.querySelectorAll('img')]) {
    const src = img.getAttribute('src')
    const alt = (img.getAttribute('alt') ?? '').trim()
    const text = alt ? labels.image(alt) : labels.imageNoAlt
    const doc = img.ownerDocument
    let replacement: HTMLElement
    if (isHttp(src)) {
      replacement = doc.createElement('a')
      replacement.setAttribute('href', src)
      replacement.setAttribute('target', '_blank')
      replacement.setAttribute('rel', 'noopener noreferrer')
      replacement.title = src
    } else {
      replacement = doc.createElement('span')
    }
    replacement.className = 'md-image'
    replacement.textContent = text
    img.replaceWith(replacement)
  }
}

/** Shifts every heading one level down (h6 stays): the page's own h1 is the repository's name. */
function demoteHeadings(root: DocumentFragment): void {
  for (const h of [...root.querySelectorAll('h1, h2, h3, h4, h5')]) {
    const lower = h.ownerDocument.createElement(`h${Number(h.tagName[1]) + 1}`)
    lower.append(...h.childNodes)
    h.replaceWith(lower)
  }
}

/** The README as sanitized DOM nodes, ready to be appended (never assigned as HTML). */
export function renderReadme(markdown: string, labels: ReadmeLabels): DocumentFragment {
  const p = sanitizer()
  if (!p.isSupported) {
    // Without a DOM DOMPurify can trust, show the Markdown as text rather than unsanitized HTML.
    const fragment = document.createDocumentFragment()
    const pre = document.createElement('pre')
    pre.textContent = markdown
    fragment.append(pre)
    return fragment
  }
  const html = marked.parse(markdown, { async: false, gfm: true }) as string
  const fragment = p.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'class', 'id', 'srcset'],
    ALLOW_DATA_ATTR: false,
  }) as DocumentFragment
  imagesToLinks(fragment, labels)
  demoteHeadings(fragment)
  return fragment
}
