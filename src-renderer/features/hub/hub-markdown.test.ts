// @vitest-environment jsdom
// jsdom, not happy-dom: DOMPurify relies on DOM details happy-dom does not reproduce (it let scripts through there).
import { describe, expect, it } from 'vitest'
import { NGINX_README } from '../../../tests/helpers/hub-fixture-data'
import { renderReadme } from './hub-markdown'

const labels = { image: (alt: string) => `Image: ${alt}`, imageNoAlt: 'Image' }

function html(md: string): { root: HTMLDivElement; text: string } {
  const root = document.createElement('div')
  root.append(renderReadme(md, labels))
  return { root, text: root.innerHTML }
}

describe('README rendering', () => {
  it('renders tables, code blocks and headings, each heading a level below the page’s own h1', () => {
    const { root } = html('# Title\n\n## Part\n\n###### Deep\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```sh\ndocker run nginx\n```\n')
    expect(root.querySelector('h1')).toBeNull()
    expect(root.querySelector('h2')?.textContent).toBe('Title')
    expect(root.querySelector('h3')?.textContent).toBe('Part')
    expect(root.querySelector('h6')?.textContent).toBe('Deep')
    expect([...root.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['1', '2'])
    expect(root.querySelector('pre code')?.textContent).toBe('docker run nginx\n')
  })

  it('removes script elements, event handlers, frames and forms', () => {
    const { root, text } = html(
      '<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n<p onclick="alert(3)">hi</p>\n\n<iframe src="https://evil.example"></iframe>\n\n<form><input name=p><button>go</button></form>',
    )
    expect(root.querySelector('script, iframe, form, input, button')).toBeNull()
    expect(text).not.toMatch(/onerror|onclick|alert/)
    expect(root.querySelector('p')?.textContent).toBe('hi')
  })

  it('makes javascript: links inert and keeps http(s) links, opening outside the app', () => {
    const { root } = html('[bad](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">bad2</a> [in page](#usage) [good](https://nginx.org/en/docs/)')
    const links = [...root.querySelectorAll('a')]
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['bad', null],
      ['bad2', null],
      ['in page', null],
      ['good', 'https://nginx.org/en/docs/'],
    ])
    const good = links[3] as HTMLAnchorElement
    expect(good.getAttribute('target')).toBe('_blank')
    expect(good.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('turns images into links instead of loading them', () => {
    const { root } = html('![logo](https://example.com/logo.png) ![](data:image/png;base64,AAAA)')
    expect(root.querySelector('img')).toBeNull()
    const [remote, inline] = [...root.querySelectorAll('.md-image')]
    expect(remote?.tagName).toBe('A')
    expect(remote?.getAttribute('href')).toBe('https://example.com/logo.png')
    expect(remote?.textContent).toBe('Image: logo')
    expect(inline?.tagName).toBe('SPAN')
    expect(inline?.textContent).toBe('Image')
  })

  it('leaves nothing active in the fixture README with its hostile parts', () => {
    const { root } = html(NGINX_README)
    expect(root.querySelector('script, iframe, form, img, style')).toBeNull()
    const attributes = [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`))
    expect(attributes.filter((a) => /^on|javascript:/i.test(a))).toEqual([])
    expect(root.querySelector('a:not([href])')?.textContent).toBe('Click for a free upgrade')
    expect(root.querySelectorAll('table tr').length).toBe(4)
    expect(root.querySelectorAll('pre code').length).toBe(2)
    expect(root.querySelectorAll('a[target=_blank]').length).toBeGreaterThan(4)
  })

  /** Every attribute left on any element that holds a URL, as `tag attr=value`. */
  function urlAttributes(root: HTMLElement): string[] {
    const names = ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'poster', 'cite', 'background', 'longdesc', 'ping', 'data', 'codebase', 'manifest', 'icon', 'itemtype']
    return [...root.querySelectorAll('*')].flatMap((el) => names.filter((n) => el.hasAttribute(n)).map((n) => `${el.tagName.toLowerCase()} ${n}=${el.getAttribute(n)}`))
  }

  it.each([
    ['area href', '<map name="m"><area shape="rect" coords="0,0,9,9" href="#/containers"></map>'],
    ['area href to mail', '<map name="m"><area shape="rect" coords="0,0,9,9" href="mailto:a@example.com"></map>'],
    ['href on a paragraph', '<p href="https://tracker.example/p">text</p>'],
    ['xlink:href', '<p xlink:href="https://tracker.example/x">text</p>'],
    ['src on a paragraph', '<p src="https://tracker.example/s">text</p>'],
    ['srcset', '<p srcset="https://tracker.example/a.png 1x">text</p>'],
    ['action', '<p action="https://tracker.example/post">text</p>'],
    ['formaction', '<p formaction="https://tracker.example/post">text</p>'],
    ['poster', '<p poster="https://tracker.example/poster.png">text</p>'],
    ['cite on a quote', '<blockquote cite="https://tracker.example/q">quoted</blockquote> <q cite="https://tracker.example/q2">q</q> <ins cite="/relative">i</ins>'],
    ['background on a table', '<table background="https://tracker.example/bg.png"><tr><td background="/bg.png">cell</td></tr></table>'],
    ['longdesc', '<p longdesc="https://tracker.example/long">text</p>'],
    ['ping on a link', '<a href="https://example.com/" ping="https://tracker.example/ping">go</a>'],
    ['data', '<p data="https://tracker.example/d">text</p>'],
  ])('keeps no URL in %s', (_what, source) => {
    const { root } = html(source)
    expect(urlAttributes(root).filter((a) => !a.startsWith('a href=https://'))).toEqual([])
  })

  it('keeps an http(s) area link like any other link: opening outside the app', () => {
    const { root } = html('<map name="m"><area shape="rect" coords="0,0,9,9" href="https://example.com/part" alt="part"></map>')
    const area = root.querySelector('area')
    expect(area?.getAttribute('href')).toBe('https://example.com/part')
    expect(area?.getAttribute('target')).toBe('_blank')
    expect(area?.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('leaves text that looks like a URL attribute alone, and no link without its target', () => {
    const { root } = html('<p title="https://example.com/">title stays</p> [docs](https://example.com/docs)')
    expect(root.querySelector('p')?.getAttribute('title')).toBe('https://example.com/')
    expect([...root.querySelectorAll('[href]')].every((el) => el.getAttribute('target') === '_blank')).toBe(true)
  })
})
