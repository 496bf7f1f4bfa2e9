/**
 * Text made safe for XML 1.0 attributes and content, for the GEXF and GraphML writers: the
 * five markup characters escaped, and characters XML 1.0 cannot hold at all (C0 controls
 * other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF) dropped, since no escape can
 * carry them and a parser stops at the first. Whitespace inside attributes is written as
 * character references, so a parser's attribute normalisation does not turn LF into a space.
 */

/** Characters XML 1.0 does not allow anywhere, even as references. */
const NOT_XML = new RegExp(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]' +
    '|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
)

/** `value` escaped for an XML attribute in double quotes. */
export function xmlAttr(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

/** `value` escaped for XML element content. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
}

/** `value` as an `xsd:token`: no tabs or line breaks, no leading, trailing or double spaces. */
export function xmlToken(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}
