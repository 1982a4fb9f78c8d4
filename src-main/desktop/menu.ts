// The application menu: the standard roles plus "Check for updates…" (in the app menu on macOS, under Help elsewhere).
import { app, Menu, type MenuItemConstructorOptions } from 'electron'

export function setAppMenu(checkForUpdates: () => void): void {
  const mac = process.platform === 'darwin'
  const check: MenuItemConstructorOptions = { label: 'Check for updates…', click: checkForUpdates }
  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' },
              check,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ] satisfies MenuItemConstructorOptions[],
          },
        ]
      : [{ role: 'fileMenu' } satisfies MenuItemConstructorOptions]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(app.isPackaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ] as MenuItemConstructorOptions[],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: mac ? [] : [check] },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
