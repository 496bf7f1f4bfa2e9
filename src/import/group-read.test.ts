import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SourceFile } from '../platform/platform'
import { groupReader, READ_GROUP_BYTES, READ_GROUP_FILES } from './group-read'

afterEach(() => vi.restoreAllMocks())

/** A file as web.ts hands one over: `read()` and its Blob; `read` counts its calls. */
function file(name: string, content: string, withBlob = true): SourceFile & { reads: number } {
  const blob = new Blob([content])
  const f = {
    name,
    size: blob.size,
    type: '',
    reads: 0,
    read: () => {
      f.reads++
      return blob.arrayBuffer()
    },
    ...(withBlob ? { blob } : {}),
  }
  return f
}

const text = async (f: SourceFile) => new TextDecoder().decode(await f.read())
const small = (f: SourceFile) => f.name.endsWith('.txt')

describe('groupReader', () => {
  it('reads a run of small files in composite reads, each file getting exactly its own bytes', async () => {
    const files = Array.from({ length: 2 * READ_GROUP_FILES + 5 }, (_, i) =>
      file(`f${i}.txt`, `Document ${i} — ${'é'.repeat(i % 7)}`),
    )
    const whole = vi.spyOn(Blob.prototype, 'arrayBuffer')
    const reader = groupReader(files, small)
    const got: string[] = []
    for (let i = 0; i < files.length; i++) got.push(await text(reader.take(i)))
    expect(got).toEqual(files.map((_, i) => `Document ${i} — ${'é'.repeat(i % 7)}`))
    // No file was read alone: three composite reads did it all.
    expect(files.every((f) => f.reads === 0)).toBe(true)
    expect(whole).toHaveBeenCalledTimes(3)
  })

  it('asks for the next group halfway through the current one, not before', async () => {
    const files = Array.from({ length: 2 * READ_GROUP_FILES }, (_, i) => file(`f${i}.txt`, `${i}`))
    const whole = vi.spyOn(Blob.prototype, 'arrayBuffer')
    const reader = groupReader(files, small)
    for (let i = 0; i < READ_GROUP_FILES / 2; i++) await text(reader.take(i))
    expect(whole).toHaveBeenCalledTimes(1)
    await text(reader.take(READ_GROUP_FILES / 2))
    expect(whole).toHaveBeenCalledTimes(2)
  })

  it('reads a file alone when it is not eligible, has no Blob, or would pass the byte cap', async () => {
    const big = 'x'.repeat(READ_GROUP_BYTES)
    const files = [
      file('a.txt', 'A'),
      file('b.txt', 'B'),
      file('page.html', '<p>C</p>'),
      file('d.txt', 'D', false),
      file('e.txt', big),
      file('f.txt', 'F'),
      file('g.txt', 'G'),
    ]
    const reader = groupReader(files, small)
    const got = []
    for (let i = 0; i < files.length; i++) got.push(await text(reader.take(i)))
    expect(got).toEqual(['A', 'B', '<p>C</p>', 'D', big, 'F', 'G'])
    // a+b together; the page and the Blob-less file alone; e with f would pass the cap, so e
    // alone and f+g together.
    expect(files.map((f) => f.reads)).toEqual([0, 0, 1, 1, 1, 0, 0])
  })

  it('reads each file of a group alone when the composite read fails, so each fails alone', async () => {
    const files = Array.from({ length: 5 }, (_, i) => file(`f${i}.txt`, `Doc ${i}`))
    const gone = new Error('NotReadableError: the file changed')
    files[3]!.read = () => Promise.reject(gone)
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementationOnce(() => Promise.reject(gone))
    const reader = groupReader(files, small)
    const results = []
    for (let i = 0; i < files.length; i++)
      results.push(await text(reader.take(i)).catch((e: unknown) => e))
    expect(results).toEqual(['Doc 0', 'Doc 1', 'Doc 2', gone, 'Doc 4'])
    expect(files.map((f) => f.reads)).toEqual([1, 1, 1, 0, 1])
  })
})
