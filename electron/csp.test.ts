import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from './csp.mjs'

/** Directive → sources, from a policy string. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/)
      return [name!, sources]
    }),
  )
}

describe('the Content-Security-Policy', () => {
  it("is CONVENTIONS.md's policy, directive for directive", () => {
    expect(Object.fromEntries(parse(CONTENT_SECURITY_POLICY))).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'", "'wasm-unsafe-eval'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'blob:', 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'worker-src': ["'self'", 'blob:'],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    })
    expect(CONTENT_SECURITY_POLICY).toBe(CSP_DIRECTIVES.join('; '))
  })

  it('allows no eval, no remote host and no scheme but blob: and data:', () => {
    const sources = [...parse(CONTENT_SECURITY_POLICY).values()].flat()
    for (const source of sources) {
      expect([
        "'self'",
        "'none'",
        "'unsafe-inline'",
        "'wasm-unsafe-eval'",
        'blob:',
        'data:',
      ]).toContain(source)
    }
    // WebAssembly compilation (the OCR engine) only: never 'unsafe-eval', never inline scripts.
    expect(parse(CONTENT_SECURITY_POLICY).get('script-src')).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ])
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'")
  })

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CSP_DIRECTIVES)).toBe(true)
  })
})
