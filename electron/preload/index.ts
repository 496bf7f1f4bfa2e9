/**
 * The preload script: exposes exactly one object, `window.casefile`, whose methods each call
 * one fixed channel of the contract. The page never receives `ipcRenderer`, an IPC event,
 * `process` or a way to name a channel of its own choosing. It is bundled as CommonJS
 * because the window is sandboxed, and imports only types from the contract so that the
 * bundle needs nothing but `electron` at run time (zod and the checks live in main and in
 * the renderer's adapter).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type {
  CHANNELS,
  CasefileApi,
  InvokeChannel,
  MenuCommand,
  MenuCommandEvent,
  PayloadOf,
  Result,
  ValueOf,
} from '../contract'

const MENU_COMMAND_CHANNEL: (typeof CHANNELS)['menuCommand'] = 'menu:command'

function invoke<C extends InvokeChannel>(
  channel: C,
  payload: PayloadOf<C>,
): Promise<Result<ValueOf<C>>> {
  return ipcRenderer.invoke(channel, payload) as Promise<Result<ValueOf<C>>>
}

const api = {
  pickFiles: (payload) => invoke('files:pick', payload),
  readFile: (payload) => invoke('files:read', payload),
  readChunk: (payload) => invoke('files:readChunk', payload),
  saveFile: (payload) => invoke('file:save', payload),
  appInfo: (payload) => invoke('app:info', payload),
  openExternal: (payload) => invoke('link:open', payload),
  printBriefing: (payload) => invoke('briefing:print', payload),
  configureTeamServer: (payload) => invoke('taxii:configure', payload),
  teamServerStatus: (payload) => invoke('taxii:status', payload),
  teamServerRequest: (payload) => invoke('taxii:request', payload),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    // Only the command crosses: the listener never sees the event or its `sender`.
    const forward = (_event: IpcRendererEvent, message: MenuCommandEvent) => {
      if (typeof message?.command === 'string') listener(message.command)
    }
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward)
    }
  },
} satisfies CasefileApi

contextBridge.exposeInMainWorld('casefile', api)
