import type { MessageTable } from '../catalog.js';

/** FG1xxx */
export const readMessages: MessageTable = {};
