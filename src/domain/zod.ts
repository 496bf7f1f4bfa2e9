/**
 * zod as the renderer must use it. Zod probes whether `eval` works by calling
 * `new Function('')`; Casefile's CSP forbids eval (no 'unsafe-eval'), which turns that
 * probe into a CSP violation. `jitless` tells zod not to try. Every renderer module that
 * builds schemas imports `z` from here, so the setting is in place whichever chunk of the
 * split bundle happens to load first.
 */
import { z } from 'zod'

z.config({ jitless: true })

export { z }
