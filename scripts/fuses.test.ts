/**
 * Tests of the packaged app's fuses (`fuses.mjs`): the config object, the binary the hook
 * finds in electron-builder's output, and the hook flipping a fake Electron binary's fuse wire
 * with the real `@electron/fuses` (no Electron binary can be had on these machines).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fuses from '@electron/fuses'
import { afterAll, describe, expect, it, vi } from 'vitest'
import afterPack, { fuseConfig, packedBinary } from './fuses.mjs'

const { FuseV1Options, FuseVersion } = fuses
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('fuseConfig', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect; turns on cookie encryption, ASAR integrity and ASAR only', () => {
    const config = fuseConfig('linux')
    expect(config.version).toBe(FuseVersion.V1)
    expect(config[FuseV1Options.RunAsNode]).toBe(false)
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true)
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
  })

  it('sets every fuse @electron/fuses names, on every platform', () => {
    const named = Object.values(FuseV1Options).filter((v) => typeof v === 'number')
    for (const platform of ['linux', 'win32', 'darwin', 'mas']) {
      const config = fuseConfig(platform) as Record<number, unknown>
      for (const fuse of named) expect(typeof config[fuse as number]).toBe('boolean')
    }
  })

  it('re-signs ad hoc on macOS only', () => {
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfig('linux').resetAdHocDarwinSignature).toBe(false)
    expect(fuseConfig('win32').resetAdHocDarwinSignature).toBe(false)
  })
})

describe('packedBinary', () => {
  const packager = { appInfo: { productFilename: 'Casefile' }, executableName: 'casefile' }
  it("finds each platform's binary in electron-builder's output", () => {
    const at = (electronPlatformName: string) =>
      packedBinary({ appOutDir: '/d/out', electronPlatformName, packager })
    expect(at('linux')).toBe('/d/out/casefile')
    expect(at('win32')).toBe('/d/out/Casefile.exe')
    expect(at('darwin')).toBe('/d/out/Casefile.app')
    expect(at('mas')).toBe('/d/out/Casefile.app')
  })
})

describe('afterPack', () => {
  it('flips the fuse wire of the packed binary as configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casefile-fuses-'))
    dirs.push(dir)
    const binary = join(dir, 'casefile')
    // A fake binary: the V1 wire as Electron ships it, nine fuses long, all at their defaults
    // (run as Node on, cookie encryption off, NODE_OPTIONS on, --inspect on, integrity off,
    // ASAR only off, V8 snapshot off, file:// privileges on, and a ninth fuse left alone).
    const wire = '101100011'
    await writeFile(
      binary,
      Buffer.concat([
        Buffer.from('ELF…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, wire.length]),
        Buffer.from(wire),
        Buffer.from('…rest'),
      ]),
    )
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Casefile' }, executableName: 'casefile' },
    })
    log.mockRestore()
    const bytes = await readFile(binary)
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2
    const flipped = bytes.subarray(at, at + wire.length).toString()
    //  RunAsNode 0, cookies 1, NODE_OPTIONS 0, inspect 0, integrity 1, ASAR only 1,
    //  V8 snapshot 0, file:// 0, the unnamed ninth unchanged.
    expect(flipped).toBe('010011001')
  })

  it('hands the binary and the config to flipFuses', async () => {
    const flip = vi.fn(async () => 1)
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await afterPack(
      {
        appOutDir: '/d',
        electronPlatformName: 'win32',
        packager: { appInfo: { productFilename: 'Casefile' } },
      },
      flip,
    )
    log.mockRestore()
    expect(flip).toHaveBeenCalledWith('/d/Casefile.exe', fuseConfig('win32'))
  })
})
