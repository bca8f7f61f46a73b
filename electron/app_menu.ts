/** The application menu, Chinese first with the English in brackets. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openWorkspace(): void;
  reload(): void;
  toggleDevTools(): void;
  quit(): void;
}

export function appMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件 (File)',
      submenu: [
        { label: '打开工作空间… (Open workspace…)', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { type: 'separator' },
        { label: '退出 (Quit)', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: '视图 (View)',
      submenu: [
        { label: '重新加载 (Reload)', accelerator: 'CmdOrCtrl+R', click: () => actions.reload() },
        { label: '开发者工具 (Developer tools)', accelerator: 'F12', click: () => actions.toggleDevTools() },
      ],
    },
  ];
}
