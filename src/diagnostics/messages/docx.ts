import type { MessageTable } from '../catalog.js';

/** FG5xxx */
export const docxMessages: MessageTable = {};
