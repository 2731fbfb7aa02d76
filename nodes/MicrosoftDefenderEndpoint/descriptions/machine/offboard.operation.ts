import { launchDescription } from './shared';

export const description = launchDescription('offboard', 'e.g. Offboarded: device decommissioned');
