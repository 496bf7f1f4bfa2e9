/**
 * The main process's entry point: the app's lifecycle and its one window. It wires the live
 * Electron objects into the modules beside it — the `app://` protocol (protocol.ts), the
 * window, session and permission guards (security.ts), the IPC handlers (ipc.ts), printing
 * briefings to PDF in a hidden window (print.ts) and the native menu (menu.ts) — and loads
 * the UI from `app://casefile/index.html`, or from the electron-vite dev server when one is
 * running and the app is not packaged.
 */
import { join } from 'node:path'
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron'
import { CHANNELS, type MenuCommand, type MenuCommandEvent } from '../contract'
import { registerIpc } from './ipc'
import { buildMenuTemplate } from './menu'
import { printRouteToPdf } from './print'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { APP_ENTRY_URL, guardSession, guardWebContents, windowPreferences } from './security'
import { createTeamServerMain } from './taxii'

// A packaged app ignores the variable: it must never be pointed at another page.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const rendererDir = join(import.meta.dirname, '../renderer')
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')

let mainWindow: BrowserWindow | null = null

// Both must happen before `ready`.
app.enableSandbox()
registerAppScheme(protocol)

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Casefile',
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    show: false,
    webPreferences: windowPreferences(preloadPath),
  })
  guardWebContents(win.webContents, {
    openExternal: (url) => shell.openExternal(url),
    devServerUrl,
  })
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  win.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((e: unknown) => {
    console.error('Could not load the Casefile UI', e)
  })
  return win
}

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow
  const event: MenuCommandEvent = { command }
  target?.webContents.send(CHANNELS.menuCommand, event)
}

function ownerWindow(contents: Electron.WebContents): BrowserWindow | null {
  return BrowserWindow.fromWebContents(contents)
}

async function start(): Promise<void> {
  await app.whenReady()
  guardSession(session.defaultSession, devServerUrl)
  handleAppProtocol(protocol, rendererDir)
  registerIpc(ipcMain, {
    showOpenDialog: (owner, options) => {
      const win = ownerWindow(owner)
      return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options)
    },
    showSaveDialog: (owner, options) => {
      const win = ownerWindow(owner)
      return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)
    },
    openExternal: (url) => shell.openExternal(url),
    appInfo: () => ({
      name: 'Casefile',
      version: app.getVersion(),
      shell: 'desktop',
      runtime: `Electron ${process.versions.electron} (Chromium ${process.versions.chrome}) on ${process.platform}`,
    }),
    defaultSaveFolder: () => app.getPath('documents'),
    // The only way the desktop app reaches the network: the configured team server, when the
    // analyst asks (the renderer's CSP stays connect-src 'self').
    teamServer: createTeamServerMain({
      dir: app.getPath('userData'),
      secrets: safeStorage,
      platform: process.platform,
    }),
    // The hidden window must see the app window's IndexedDB: same session (the default one,
    // the app window names no partition) and the same page.
    printToPdf: (route, pageSize) =>
      printRouteToPdf(
        {
          createWindow: (options) => new BrowserWindow(options),
          session: session.defaultSession,
          entryUrl: devServerUrl ?? APP_ENTRY_URL,
        },
        { route, pageSize },
      ),
    devServerUrl,
  })
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        send: sendMenuCommand,
      }),
    ),
  )
  mainWindow = createWindow()
}

// A second process would fight the first over the same IndexedDB files: focus the first.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  start().catch((e: unknown) => {
    console.error('Casefile could not start', e)
    dialog.showErrorBox('Casefile could not start', e instanceof Error ? e.message : String(e))
    app.quit()
  })
}
