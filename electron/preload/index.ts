// The preload bridge: the renderer's only door to the main process. It exposes two functions, not
// ipcRenderer itself, and checks names against the API before anything crosses.
import { contextBridge, ipcRenderer } from 'electron';
import { isMethod, MenuCommandSchema, type MenuCommand } from '../api';

const bridge = {
  invoke(method: string, req: unknown): Promise<unknown> {
    if (!isMethod(method)) return Promise.reject(new Error(`no such API method: ${method}`));
    return ipcRenderer.invoke('banmian:api', method, req);
  },
  onMenu(listener: (command: MenuCommand) => void): () => void {
    const wrapped = (_e: unknown, command: unknown) => {
      try {
        listener(MenuCommandSchema.parse(command));
      } catch {
        /* an unknown command is ignored */
      }
    };
    ipcRenderer.on('banmian:menu', wrapped);
    return () => {
      ipcRenderer.removeListener('banmian:menu', wrapped);
    };
  },
};

export type Bridge = typeof bridge;

contextBridge.exposeInMainWorld('banmian', bridge);
