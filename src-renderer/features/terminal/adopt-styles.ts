/**
 * xterm.js writes its colours and cell sizes into `<style>` elements it creates, which the
 * app's CSP (`style-src 'self'`, no inline styles) refuses to apply. This mirrors each such
 * element under `root` into a constructed stylesheet adopted by the document: the CSSOM is
 * not subject to style-src, so the policy stays strict and the terminal gets its styles.
 * Returns a disposer that stops watching and drops the sheets.
 */
export function adoptInlineStyles(root: Node, doc: Document = document): () => void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>()

  const sync = (el: HTMLStyleElement) => {
    let sheet = sheets.get(el)
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheets.set(el, sheet)
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet]
    }
    sheet.replaceSync(el.textContent ?? '')
  }
  const drop = (el: HTMLStyleElement) => {
    const sheet = sheets.get(el)
    if (!sheet) return
    sheets.delete(el)
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet)
  }
  const styleOf = (n: Node | null): HTMLStyleElement | null => {
    for (let cur = n; cur && cur !== root; cur = cur.parentNode) if (cur instanceof HTMLStyleElement) return cur
    return null
  }
  const visit = (n: Node, found: (el: HTMLStyleElement) => void) => {
    if (n instanceof HTMLStyleElement) found(n)
    else if (n instanceof Element) n.querySelectorAll('style').forEach(found)
  }

  visit(root, sync)
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const inside = styleOf(r.target)
      if (inside) {
        if (inside.isConnected) sync(inside)
        continue
      }
      r.addedNodes.forEach((n) => visit(n, sync))
      r.removedNodes.forEach((n) => visit(n, drop))
    }
  })
  observer.observe(root, { childList: true, subtree: true, characterData: true })
  return () => {
    observer.disconnect()
    for (const el of [...sheets.keys()]) drop(el)
  }
}
