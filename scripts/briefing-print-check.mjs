/**
 * Prints a briefing's standalone HTML (from src/briefing/print-html.ts) to PDF in Chromium,
 * the way the app will, and reads the PDF back to check what unit tests cannot: that the
 * handling line really is in the header and footer of EVERY page (CSS page-margin boxes),
 * that pages are numbered "Page n of m", that no page ends on a section heading, and that
 * the fonts are embedded. Unit tests never launch a browser, so this is a separate tool.
 *
 * Usage: node scripts/briefing-print-check.mjs briefing.html [--out briefing.pdf]
 *          [--handling "TEXT"]   (default: the title block's handling line)
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and poppler-utils (pdfinfo,
 * pdftotext, pdffonts). Exits 1 when a check fails.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { tmpdir } from 'node:os'
import { chromium } from 'playwright-core'

const args = process.argv.slice(2)
const option = (name) => {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const value = args[i + 1]
  args.splice(i, 2)
  return value
}
const out = option('--out')
const handlingArg = option('--handling')
const file = args[0]
if (!file) {
  console.error('usage: node scripts/briefing-print-check.mjs briefing.html [--out x.pdf]')
  process.exit(2)
}
const pdfPath = out ?? join(tmpdir(), `${basename(file).replace(/\.html?$/i, '')}.pdf`)
const html = readFileSync(file, 'utf8')

const decode = (s) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
const squash = (s) => s.replace(/\s+/g, ' ').trim()
const handling = squash(
  handlingArg ?? decode(/<p class="handling">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''),
)
const headings = [...html.matchAll(/<h2>([\s\S]*?)<\/h2>/g)].map((m) => squash(decode(m[1])))

const t0 = performance.now()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
})
const timings = { launch: 0, setContent: 0, pdf: 0 }
try {
  timings.launch = performance.now() - t0
  const page = await browser.newPage()
  const requests = []
  page.on('request', (r) => {
    if (!r.url().startsWith('data:')) requests.push(r.url())
  })
  let t = performance.now()
  await page.setContent(html, { waitUntil: 'load' })
  timings.setContent = performance.now() - t
  t = performance.now()
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
  timings.pdf = performance.now() - t
  writeFileSync(pdfPath, pdf)
  if (requests.length) console.log(`requests made while loading: ${requests.join(', ')}`)
} finally {
  await browser.close()
}

const run = (cmd, ...a) => execFileSync(cmd, [...a, pdfPath], { encoding: 'utf8' })
const info = run('pdfinfo')
const pageCount = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0)
const pageSize = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '?'
const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
const pages = text.split('\f').slice(0, pageCount)
const fonts = run('pdffonts')
  .split('\n')
  .slice(2)
  .filter(Boolean)
  .map((line) => {
    const cols = line.trim().split(/\s+/)
    // name type... encoding emb sub uni object ID: emb is the 5th column from the end.
    return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' }
  })

const failures = []
const rows = pages.map((p, i) => {
  const lines = p.split('\n').filter((l) => l.trim())
  const first = squash(lines[0] ?? '')
  const last = squash(lines.at(-1) ?? '')
  const header = handling !== '' && first.includes(handling)
  const footer = handling !== '' && last.includes(handling)
  const number = new RegExp(`Page ${i + 1} of ${pageCount}\\b`).test(last)
  // The last body line (above the footer) must not be a section heading.
  const lastBody = squash(lines.at(-2) ?? '')
  const strandedHeading = headings.find((h) => lastBody === h)
  if (!header) failures.push(`page ${i + 1}: handling line not in the header`)
  if (!footer) failures.push(`page ${i + 1}: handling line not in the footer`)
  if (!number) failures.push(`page ${i + 1}: no "Page ${i + 1} of ${pageCount}"`)
  if (strandedHeading) failures.push(`page ${i + 1}: ends with the heading "${strandedHeading}"`)
  return { page: i + 1, header, footer, number, lastBody: lastBody.slice(0, 60) }
})
for (const f of fonts) if (!f.embedded) failures.push(`font ${f.name} is not embedded`)

console.log(`PDF: ${pdfPath}`)
console.log(`pages: ${pageCount}, page size: ${pageSize}`)
console.log(`handling line: "${handling}"`)
console.log(
  `time: launch ${timings.launch.toFixed(0)} ms, setContent ${timings.setContent.toFixed(0)} ms, pdf ${timings.pdf.toFixed(0)} ms`,
)
console.table(rows)
console.log(
  `fonts: ${fonts.map((f) => `${f.name.replace(/^[A-Z]{6}\+/, '')}${f.embedded ? '' : ' (NOT embedded)'}`).join(', ')}`,
)
if (failures.length) {
  console.log(`FAILED:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log('OK: handling line in header and footer of every page, pages numbered, fonts embedded')
