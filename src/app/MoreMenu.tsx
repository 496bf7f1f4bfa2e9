/**
 * The top bar's "More ▾": the actions an analyst reaches for now and then (importing a STIX
 * bundle, the team server, About) behind one button, so that the bar fits on one line from
 * 1280 px wide. It is a disclosure: the button opens a short list of ordinary buttons (each
 * runs its command, as the desktop menu and shortcuts do, and closes the list); the first one
 * takes the focus, arrow keys move between them, and Escape, a click elsewhere or the focus
 * leaving close it (Escape puts the focus back on "More ▾").
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { runCommand, type Command } from '../ui/commands'

/** The items of the menu: label, command, tooltip and the test id e2e specs find them by. */
export const MORE_ITEMS: readonly {
  label: string
  command: Command
  title: string
  testId: string
}[] = [
  {
    label: 'Import STIX…',
    command: 'stix:import',
    title: 'Import a STIX 2.1 bundle into the open case (a preview comes first)',
    testId: 'more-stix-import',
  },
  {
    label: 'Team server…',
    command: 'team-server:open',
    title: "Push this case to the team's TAXII server, or pull what the team published",
    testId: 'team-server-open',
  },
  {
    label: 'About',
    command: 'app:about',
    title: 'Keys, version and licences',
    testId: 'more-about',
  },
]

/** The "More ▾" button and its list (see the module comment). */
export function MoreMenu() {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!open) return
    root.current?.querySelector<HTMLButtonElement>('.more-list button')?.focus()
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [open])
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation()
      setOpen(false)
      toggle.current?.focus()
    } else if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      const items = [
        ...(root.current?.querySelectorAll<HTMLButtonElement>('.more-list button') ?? []),
      ]
      const at = items.indexOf(document.activeElement as HTMLButtonElement)
      const step = e.key === 'ArrowDown' ? 1 : -1
      items[(at + step + items.length) % items.length]?.focus()
    }
  }
  return (
    <div
      className="more-menu"
      ref={root}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <button
        type="button"
        ref={toggle}
        aria-expanded={open}
        aria-controls="more-list"
        data-testid="topbar-more"
        onClick={() => setOpen(!open)}
      >
        More ▾
      </button>
      {open && (
        <div className="more-list" id="more-list" role="group" aria-label="More actions">
          {MORE_ITEMS.map((item) => (
            <button
              key={item.command}
              type="button"
              title={item.title}
              data-testid={item.testId}
              onClick={() => {
                setOpen(false)
                runCommand(item.command)
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
