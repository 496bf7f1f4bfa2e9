/**
 * The tag a key makes to open a form on a passage (E: the event form, R: the relation form),
 * and taking it back when that form closes unsaved: the passage is tagged first (so the form
 * has its evidence and the inspector shows it), and Cancel or Escape must leave nothing
 * behind. The tag's step is undone while it is still the case's newest (so the undo list is
 * as it was), else the tag is deleted (a later step stays undoable).
 */
import { useState } from 'react'
import type { CasefileDB } from '../../db/schema'
import { isNextUndo, undo } from '../../db/history'
import { deleteAnnotation } from '../../db/tags'

/** A tag made to open a form, with the undo group of its step (if it had one). */
export interface MadeTag {
  id: string
  group: string | undefined
}

/**
 * Untags the passage `made` tagged in `caseId`: undone while its step is the case's next undo,
 * else deleted. Resolves to how it went.
 */
export async function takeBackTag(
  db: CasefileDB,
  caseId: string,
  made: MadeTag,
): Promise<'undone' | 'deleted'> {
  if (made.group && isNextUndo(made.group)) {
    await undo(db, caseId)
    return 'undone'
  }
  await deleteAnnotation(db, made.id)
  return 'deleted'
}

/** What a form opened on a passage needs to know of the tag made for it (see `useFormTag`). */
export interface FormTag {
  /** The form opens on a tag made for it: taken back if the form closes unsaved. */
  made(tag: MadeTag): void
  /** The form opens on a tag that was there before: it stays whatever the form does. */
  existing(): void
  /** The form saved: its tag stays. */
  saved(): void
  /** The form closed: the tag made for it, if it was not saved, to take back (else undefined). */
  closed(): MadeTag | undefined
}

/** A fresh `FormTag`: no tag made, nothing saved. */
export function formTagState(): FormTag {
  let madeTag: MadeTag | undefined
  let wasSaved = false
  return {
    made: (tag) => {
      madeTag = tag
      wasSaved = false
    },
    existing: () => {
      madeTag = undefined
    },
    saved: () => {
      wasSaved = true
    },
    closed: () => {
      const tag = madeTag
      madeTag = undefined
      return tag && !wasSaved ? tag : undefined
    },
  }
}

/** One `FormTag` for the life of the component (see `FormTag`). */
export function useFormTag(): FormTag {
  return useState(formTagState)[0]
}
