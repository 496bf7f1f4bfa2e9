import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import type { MenuCommand } from '../contract'
import { buildMenuTemplate } from './menu'

function build(overrides: { isPackaged?: boolean; platform?: NodeJS.Platform } = {}) {
  const send = vi.fn<(command: MenuCommand) => void>()
  const template = buildMenuTemplate({
    isPackaged: overrides.isPackaged ?? true,
    platform: overrides.platform ?? 'linux',
    send,
  })
  return { template, send }
}

function submenu(template: MenuItemConstructorOptions[], label: string) {
  const menu = template.find((m) => m.label === label || m.role === label)
  expect(menu, label).toBeDefined()
  return menu!.submenu as MenuItemConstructorOptions[]
}

function item(items: MenuItemConstructorOptions[], label: string) {
  const found = items.find((i) => i.label === label)
  expect(found, label).toBeDefined()
  return found!
}

function click(entry: MenuItemConstructorOptions) {
  ;(entry.click as () => void)()
}

describe('the application menu', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    const { template } = build()
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help'])
  })

  it('File sends the case and import commands with their accelerators', () => {
    const { template, send } = build()
    const file = submenu(template, 'File')
    const expected: [string, MenuCommand, string | undefined][] = [
      ['Import documents…', 'documents:import', 'CmdOrCtrl+O'],
      ['New case', 'case:new', 'CmdOrCtrl+N'],
      ['Export case backup…', 'case:export', 'CmdOrCtrl+Shift+E'],
      ['Restore case backup…', 'case:import', undefined],
      ['Export STIX 2.1 bundle…', 'stix:export', undefined],
      ['Import STIX 2.1 bundle…', 'stix:import', undefined],
    ]
    for (const [label, command, accelerator] of expected) {
      const entry = item(file, label)
      expect(entry.accelerator).toBe(accelerator)
      click(entry)
      expect(send).toHaveBeenLastCalledWith(command)
    }
    expect(file.at(-1)).toEqual({ role: 'quit' })
  })

  it('Edit has the standard roles and the search command', () => {
    const { template, send } = build()
    const edit = submenu(template, 'Edit')
    const roles = edit.filter((i) => i.role).map((i) => i.role)
    expect(roles).toEqual(['cut', 'copy', 'paste', 'selectAll'])
    click(item(edit, 'Search the case'))
    expect(send).toHaveBeenLastCalledWith('search:focus')
  })

  it('View hides reload and the developer tools in a packaged app', () => {
    const roles = (isPackaged: boolean) =>
      submenu(build({ isPackaged }).template, 'View')
        .filter((i) => i.role)
        .map((i) => i.role)
    expect(roles(true)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    expect(roles(false)).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ])
  })

  it('Help opens the About dialog', () => {
    const { template, send } = build()
    click(item(submenu(template, 'help'), 'About Casefile'))
    expect(send).toHaveBeenCalledWith('app:about')
  })

  it('macOS gets the application menu, with Quit there instead of in File', () => {
    const { template, send } = build({ platform: 'darwin' })
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'Casefile',
      'File',
      'Edit',
      'View',
      'help',
    ])
    const appMenu = submenu(template, 'Casefile')
    expect(appMenu.some((i) => i.role === 'quit')).toBe(true)
    expect(submenu(template, 'File').some((i) => i.role === 'quit')).toBe(false)
    click(item(appMenu, 'About Casefile'))
    expect(send).toHaveBeenCalledWith('app:about')
  })
})
