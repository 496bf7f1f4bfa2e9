import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mimeForFileName, readFileCapped, writeFileAtomic } from './file-io'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casefile-io-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readFileCapped', () => {
  it('reads a file under the cap', async () => {
    const path = join(dir, 'report.txt')
    await writeFile(path, 'hello')
    const file = await readFileCapped(path, 10)
    expect(file).toMatchObject({ name: 'report.txt', size: 5, type: 'text/plain', tooLarge: false })
    expect(new TextDecoder().decode(file.data)).toBe('hello')
    expect(file.readError).toBeUndefined()
  })

  it('reads a file exactly at the cap', async () => {
    const path = join(dir, 'exact.md')
    await writeFile(path, '1234567890')
    const file = await readFileCapped(path, 10)
    expect(file.tooLarge).toBe(false)
    expect(file.data?.byteLength).toBe(10)
  })

  it('returns an over-size file with its name and size but no bytes', async () => {
    const path = join(dir, 'huge.pdf')
    await writeFile(path, new Uint8Array(11))
    const file = await readFileCapped(path, 10)
    expect(file).toEqual({ name: 'huge.pdf', size: 11, type: 'application/pdf', tooLarge: true })
  })

  it('reads an empty file', async () => {
    const path = join(dir, 'empty.txt')
    await writeFile(path, '')
    const file = await readFileCapped(path, 10)
    expect(file.tooLarge).toBe(false)
    expect(file.data?.byteLength).toBe(0)
  })

  it('reports a missing file without throwing', async () => {
    const file = await readFileCapped(join(dir, 'gone.txt'), 10)
    expect(file).toMatchObject({ name: 'gone.txt', tooLarge: false })
    expect(file.data).toBeUndefined()
    expect(file.readError).toMatch(/no longer exists/)
  })

  it('refuses a folder', async () => {
    await mkdir(join(dir, 'folder.txt'))
    const file = await readFileCapped(join(dir, 'folder.txt'), 10)
    expect(file.readError).toMatch(/regular file/)
  })

  it('reports a file that cannot be opened instead of throwing', async () => {
    // A path below a regular file fails to open for every user, root included.
    const parent = join(dir, 'plain.txt')
    await writeFile(parent, 'x')
    const file = await readFileCapped(join(parent, 'child.txt'), 10)
    expect(file.data).toBeUndefined()
    expect(file.readError).toBeTruthy()
  })
})

describe('mimeForFileName', () => {
  it('knows the import formats and nothing else', () => {
    expect(mimeForFileName('a.DOCX')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(mimeForFileName('a.htm')).toBe('text/html')
    expect(mimeForFileName('backup.json')).toBe('application/json')
    expect(mimeForFileName('a.exe')).toBe('')
    expect(mimeForFileName('noext')).toBe('')
  })
})

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const path = join(dir, 'backup.json')
    await writeFileAtomic(path, new TextEncoder().encode('{"a":1}'))
    expect(await readFile(path, 'utf8')).toBe('{"a":1}')
    expect(await readdir(dir)).toEqual(['backup.json'])
  })

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'backup.json')
    await writeFile(path, 'old contents that are longer than the new ones')
    await writeFileAtomic(path, new TextEncoder().encode('new'))
    expect(await readFile(path, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['backup.json'])
  })

  it('writes a view into a larger buffer correctly', async () => {
    const path = join(dir, 'slice.bin')
    const whole = new Uint8Array([1, 2, 3, 4, 5])
    await writeFileAtomic(path, whole.subarray(1, 3))
    expect([...(await readFile(path))]).toEqual([2, 3])
  })

  it('fails without leaving anything behind when the folder does not exist', async () => {
    await expect(
      writeFileAtomic(join(dir, 'missing', 'x.json'), new Uint8Array(1)),
    ).rejects.toThrow()
    expect(await readdir(dir)).toEqual([])
  })

  it('fails without touching the original when the target cannot be replaced', async () => {
    // A non-empty folder cannot be replaced by a file, so the rename fails.
    const path = join(dir, 'taken')
    await mkdir(path)
    await writeFile(join(path, 'keep.txt'), 'keep')
    await expect(writeFileAtomic(path, new Uint8Array(1))).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['taken'])
    expect(await readFile(join(path, 'keep.txt'), 'utf8')).toBe('keep')
  })
})
