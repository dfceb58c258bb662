import type { MessageTable } from '../catalog.js';

/** FG9xxx */
export const cliMessages: MessageTable = {};
