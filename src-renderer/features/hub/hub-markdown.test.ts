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
})
