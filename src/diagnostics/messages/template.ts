import type { MessageTable } from '../catalog.js';

/** FG3xxx */
export const templateMessages: MessageTable = {};
