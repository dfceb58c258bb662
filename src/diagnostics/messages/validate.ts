import type { MessageTable } from '../catalog.js';

/** FG2xxx */
export const validateMessages: MessageTable = {};
