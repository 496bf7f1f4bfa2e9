/**
 * The native application menu. App actions are not run here: each item sends a
 * `MenuCommand` to the renderer on `menu:command`, where the same command runs as it would
 * from a button or a shortcut. Reload and the developer tools appear only in development.
 * The template is built by a pure function so it can be tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../contract'

/** What the menu depends on. */
export interface MenuOptions {
  /** `app.isPackaged`: hides reload and the developer tools from users. */
  isPackaged: boolean
  /** `process.platform`: macOS gets its application menu. */
  platform: NodeJS.Platform
  /** Sends a command to the focused window's renderer. */
  send: (command: MenuCommand) => void
}

/** The application menu's template. */
export function buildMenuTemplate({
  isPackaged,
  platform,
  send,
}: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin'
  const command = (
    label: string,
    cmd: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  })
  const about = command('About Casefile', 'app:about')

  const template: MenuItemConstructorOptions[] = []
  if (isMac) {
    template.push({
      label: 'Casefile',
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    })
  }
  template.push(
    {
      label: 'File',
      submenu: [
        command('Import documents…', 'documents:import', 'CmdOrCtrl+O'),
        command('New case', 'case:new', 'CmdOrCtrl+N'),
        { type: 'separator' },
        command('Export case backup…', 'case:export', 'CmdOrCtrl+Shift+E'),
        command('Restore case backup…', 'case:import'),
        command('Export STIX 2.1 bundle…', 'stix:export'),
        command('Import STIX 2.1 bundle…', 'stix:import'),
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // The app's own undo (tags, entities, grades); in a text field the renderer passes it
        // on to the field's native undo.
        command('Undo', 'edit:undo', 'CmdOrCtrl+Z'),
        command('Redo', 'edit:redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Search the case', 'search:focus', 'CmdOrCtrl+K'),
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(isPackaged
          ? []
          : [
              { role: 'reload' } as const,
              { role: 'forceReload' } as const,
              { role: 'toggleDevTools' } as const,
              { type: 'separator' } as const,
            ]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [about] },
  )
  return template
}
