/**
 * Electron fuses for the packaged app, and the electron-builder `afterPack` hook that flips
 * them (`electron-builder.yml`, `npm run dist`). Fuses are switches compiled into the Electron
 * binary that the packaged app turns off for good, so that nobody can run the signed binary as
 * a plain Node.js (`ELECTRON_RUN_AS_NODE`), inject code through `NODE_OPTIONS` or attach a
 * debugger with `--inspect`, or swap the app's code next to it: cookies are encrypted, the app
 * loads only from its `app.asar`, and that archive's integrity is checked at start (macOS and
 * Windows; Electron does not check it on Linux). Casefile serves its UI from `app://`, so
 * `file://` gets no extra privileges. `@electron/fuses` 1.8 is pinned because 2.x needs
 * Node 22; it names the first eight fuses of the V1 wire, and Electron 45's wire may be longer,
 * so the fuses it does not name keep Electron's defaults (`strictlyRequireAllFuses: false`).
 * The hook runs after packing and before signing (electron-builder signs afterwards).
 */
import { join } from 'node:path'
import fuses from '@electron/fuses'

const { FuseV1Options, FuseVersion, flipFuses } = fuses

/**
 * The fuses for a platform (`darwin`, `mas`, `win32`, `linux`): every fuse
 * `@electron/fuses` names is set explicitly.
 *
 * @param {string} platform electron-builder's `electronPlatformName`
 */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: false,
    // An unsigned arm64 macOS binary must be re-signed ad hoc after flipping, or it won't run.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  }
}

/**
 * The packed Electron binary (macOS: the `.app` bundle, which `@electron/fuses` looks into).
 *
 * @param {{ appOutDir: string, electronPlatformName: string,
 *   packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
export function packedBinary(context) {
  const { appOutDir, electronPlatformName: platform, packager } = context
  const name = packager.appInfo.productFilename
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${name}.app`)
  if (platform === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName ?? name)
}

/**
 * electron-builder's `afterPack` hook: flips the fuses of the packed binary.
 *
 * @param {Parameters<typeof packedBinary>[0]} context
 * @param {typeof flipFuses} [flip] for tests
 */
export default async function afterPack(context, flip = flipFuses) {
  const binary = packedBinary(context)
  const flipped = await flip(binary, fuseConfig(context.electronPlatformName))
  console.log(`fuses: flipped in ${binary} (${flipped} wire${flipped === 1 ? '' : 's'})`)
}
