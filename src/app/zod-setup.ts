/**
 * Configures zod for the CSP before anything else runs (see domain/zod.ts, which every
 * schema module also imports). The renderer entry imports this first.
 */
import '../domain/zod'
