/**
 * The options of a type select shared by the event and relation forms: the fixed types,
 * then the case's own, then "New type…" (which the form turns into a text field). One
 * place, so both forms offer a case's extensions the same way.
 */

/** The select's value for "New type…": not a possible type id (it holds a NUL). */
export const NEW_TYPE = '\u0000 new type'

/** `<option>`s for a type select (see the module comment). */
export function TypeOptions({
  standard,
  custom,
}: {
  standard: readonly { id: string; label: string }[]
  custom: readonly string[]
}) {
  return (
    <>
      {standard.map((t) => (
        <option key={t.id} value={t.id}>
          {t.label}
        </option>
      ))}
      {custom.length > 0 && (
        <optgroup label="This case’s types">
          {custom.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </optgroup>
      )}
      <option value={NEW_TYPE}>New type…</option>
    </>
  )
}
