import type { MessageTable } from '../catalog.js';

/** FG6xxx */
export const reportMessages: MessageTable = {};
