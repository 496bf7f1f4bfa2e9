/**
 * The search box's line about the index: it says when the index is being rebuilt because an
 * older version of Casefile saved it, when it is loading, when it failed, and nothing once
 * it is ready.
 */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { SearchIndexStatus } from './SearchIndexStatus'

const line = (status: Parameters<typeof SearchIndexStatus>[0]['status']): string =>
  renderToStaticMarkup(<SearchIndexStatus status={status} />)

describe('SearchIndexStatus', () => {
  it('says the index is being rebuilt for this version when the saved one is older', () => {
    expect(line('upgrading')).toContain('Search index being rebuilt for this version of Casefile')
    expect(line('upgrading')).toContain('role="status"')
    expect(line('loading')).toContain('Search index loading')
    expect(line('building')).not.toContain('rebuilt')
    expect(line('failed')).toContain('Reopen the case')
    expect(line('ready')).toBe('')
  })
})
