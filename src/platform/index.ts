/**
 * Chooses the `Platform` for this run: the desktop adapter when the preload has exposed
 * `window.casefile`, the browser adapter otherwise. Features call `getPlatform()` and never
 * check which one they got.
 */
import { createDesktopPlatform } from './desktop'
import type { Platform } from './platform'
import { createWebPlatform } from './web'

export type {
  AppInfo,
  MenuCommand,
  OpenFilesOptions,
  Platform,
  SaveFileOptions,
  SourceFile,
} from './platform'
export { PlatformError, TooLargeError } from './errors'

let platform: Platform | undefined

/** The platform of this window, created on first use. */
export function getPlatform(): Platform {
  platform ??=
    typeof window !== 'undefined' && window.casefile
      ? createDesktopPlatform(window.casefile)
      : createWebPlatform()
  return platform
}
