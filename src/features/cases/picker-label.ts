/**
 * The case picker's labels: a title too long for the picker keeps its beginning and its end
 * around an ellipsis in the middle ("Harbour Street…(restored)"), so that a restored copy, or
 * cases whose names differ only at the end, can still be told apart in a 200 px menu. The
 * full title stays in the option's and the picker's tooltip.
 */

/** The ellipsis put where characters were left out. */
export const ELLIPSIS = '…'

/**
 * `title` as it fits: whole when `fits(title)`, else the longest beginning-and-end with an
 * ellipsis between that `fits` (the end gets at least as many characters as the beginning,
 * since that is where copies differ). Splits between code points, never inside one.
 */
export function middleEllipsis(title: string, fits: (label: string) => boolean): string {
  if (fits(title)) return title
  const chars = Array.from(title)
  const cut = (keep: number) => {
    const head = Math.floor(keep / 2)
    return (
      chars.slice(0, head).join('').trimEnd() +
      ELLIPSIS +
      chars
        .slice(chars.length - (keep - head))
        .join('')
        .trimStart()
    )
  }
  // The most characters kept that still fit (fewer characters never make a label wider).
  let lo = 0
  let hi = chars.length - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(cut(mid))) lo = mid
    else hi = mid - 1
  }
  return cut(lo)
}

/** Labels for every title, each cut to fit `fits` (see `middleEllipsis`). */
export function pickerLabels(
  titles: readonly string[],
  fits: (label: string) => boolean,
): string[] {
  return titles.map((t) => middleEllipsis(t, fits))
}
