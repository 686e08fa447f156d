import DOMPurify from 'dompurify'
import { marked } from 'marked'

// A Hub README is Markdown written by anyone, with raw HTML allowed. It is rendered by `marked`
// and then sanitized by DOMPurify before it touches the page: no script, no event handlers, no
// javascript: (or any non-http) links, no frames or forms. The app's CSP (img-src 'self' data:)
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

let purifier: ReturnType<typeof DOMPurify> | null = null

function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier
  const p = DOMPurify(window)
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href')
      if (isHttp(href)) {
        node.setAttribute('target', '_blank')
        node.setAttribute('rel', 'noopener noreferrer')
      } else {
        // In-page anchors would move the app's hash router; other schemes go nowhere good.
        node.removeAttribute('href')
      }
    }
  })
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
