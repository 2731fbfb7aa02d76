import { launchDescription } from './shared';

export const description = launchDescription('unrestrictCodeExecution', 'e.g. Restriction lifted: device cleaned');
