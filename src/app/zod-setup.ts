/**
 * Zod probes whether `eval` works by calling `new Function('')`; Casefile's CSP forbids
 * eval (no 'unsafe-eval'), which turns that probe into a CSP violation. `jitless` tells zod
 * not to try. This module must be the renderer entry's first import so it runs before any
 * schema is built.
 */
import { z } from 'zod'

z.config({ jitless: true })
