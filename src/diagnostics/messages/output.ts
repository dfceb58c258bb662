import type { MessageTable } from '../catalog.js';

/** FG4xxx */
export const outputMessages: MessageTable = {};
