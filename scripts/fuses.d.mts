/**
 * Types for `fuses.mjs` (the fuses of the packaged app and electron-builder's `afterPack`
 * hook), so that its tests can import it without `allowJs`. Keep in step with `fuses.mjs`.
 */
import type { FuseV1Config, flipFuses } from '@electron/fuses'

/** What `packedBinary` and `afterPack` read of electron-builder's context. */
export interface PackContext {
  appOutDir: string
  electronPlatformName: string
  packager: { appInfo: { productFilename: string }; executableName?: string }
}

/** The fuses for a platform; every fuse `@electron/fuses` names is set explicitly. */
export declare function fuseConfig(platform: string): FuseV1Config

/** The packed Electron binary (macOS: the `.app` bundle). */
export declare function packedBinary(context: PackContext): string

/** electron-builder's `afterPack` hook: flips the fuses of the packed binary. */
export default function afterPack(context: PackContext, flip?: typeof flipFuses): Promise<void>
