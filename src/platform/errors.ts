/**
 * The errors the platform adapters reject with, so that callers can tell a refused or failed
 * operating-system call (`PlatformError`, with the contract's error code) and a file over
 * the import size cap (`TooLargeError`) from a bug.
 */

/** An operating-system call was refused or failed; `code` is the contract's error code. */
export class PlatformError extends Error {
  override name = 'PlatformError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** A file over the import size cap was asked for its bytes. */
export class TooLargeError extends Error {
  override name = 'TooLargeError'
  constructor(
    readonly fileName: string,
    readonly size: number,
  ) {
    super(`“${fileName}” is too large to import (${size} bytes).`)
  }
}
