/**
 * A module loaded once per session. An import runs `import('./text')` (and the like) for every
 * file; in a Vite build each of those calls goes through its preload helper, which resolves
 * the URL of every chunk the module needs and looks each up in the document, on the main
 * thread, per call — at 20,000 files that was 9–16 s of the renderer's main thread (the
 * `URL`, `resolve` and `(program)` time of `BENCH_PROFILE=scale-import`). Kept, the promise
 * is awaited instead; a load that failed (a chunk that could not be fetched) is tried again
 * on the next call rather than kept.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    if (!loading) {
      const attempt = load()
      loading = attempt
      attempt.catch(() => {
        if (loading === attempt) loading = undefined
      })
    }
    return loading
  }
}
