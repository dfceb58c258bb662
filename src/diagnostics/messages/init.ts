import type { MessageTable } from '../catalog.js';

/** FG7xxx */
export const initMessages: MessageTable = {};
