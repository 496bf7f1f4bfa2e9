/**
 * Rasterises an exported graph SVG (`graph-svg.ts`) to a PNG, in the browser, without the
 * network and within the app's CSP: the SVG becomes a `blob:` URL (`img-src` allows `blob:`),
 * loads into an `Image`, and is drawn on an `OffscreenCanvas` where there is one, else on a
 * detached `<canvas>`. The SVG is self-contained (no external fonts or images), so the canvas
 * is not tainted and can be read back. Unit tests cannot run this under Node (no image
 * decoding); the browser e2e suite exercises it.
 */

/** Browsers refuse (or silently blank) canvases much larger than this on a side. */
const MAX_CANVAS_SIDE = 16_384

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () =>
      reject(new Error('The graph picture could not be loaded as an image to make the PNG.'))
    image.src = url
  })
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob)
      else reject(new Error('The browser could not encode the graph picture as a PNG.'))
    }, 'image/png')
  })
}

/**
 * Draws `svg` (a standalone SVG document `width` × `height` px) into a PNG of
 * `width * scale` × `height * scale` pixels — `scale` 2 (the default) gives a crisp picture
 * on high-density screens and in print. The temporary `blob:` URL is always revoked.
 *
 * @throws (rejects with) RangeError when the size or scale is not positive or the PNG would
 *   exceed `MAX_CANVAS_SIDE` pixels on a side, and Error when the SVG cannot be loaded as an
 *   image or the browser cannot draw or encode it.
 */
export async function svgToPngBlob(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const pixelWidth = Math.round(width * scale)
  const pixelHeight = Math.round(height * scale)
  if (
    !Number.isFinite(pixelWidth) ||
    !Number.isFinite(pixelHeight) ||
    pixelWidth < 1 ||
    pixelHeight < 1
  ) {
    throw new RangeError(`A PNG needs a positive size, not ${width} × ${height} at ×${scale}.`)
  }
  if (pixelWidth > MAX_CANVAS_SIDE || pixelHeight > MAX_CANVAS_SIDE) {
    throw new RangeError(
      `A ${pixelWidth} × ${pixelHeight} PNG is larger than browsers can draw ` +
        `(${MAX_CANVAS_SIDE} px a side): choose a smaller size or scale.`,
    )
  }
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = await loadImage(url)
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(pixelWidth, pixelHeight)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('The browser gave no 2D canvas to draw the graph picture.')
      context.drawImage(image, 0, 0, pixelWidth, pixelHeight)
      return await canvas.convertToBlob({ type: 'image/png' })
    }
    const canvas = document.createElement('canvas')
    canvas.width = pixelWidth
    canvas.height = pixelHeight
    const context = canvas.getContext('2d')
    if (!context) throw new Error('The browser gave no 2D canvas to draw the graph picture.')
    context.drawImage(image, 0, 0, pixelWidth, pixelHeight)
    return await canvasToBlob(canvas)
  } finally {
    URL.revokeObjectURL(url)
  }
}
