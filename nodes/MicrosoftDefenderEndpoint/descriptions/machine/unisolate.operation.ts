import { launchDescription } from './shared';

export const description = launchDescription('unisolate', 'e.g. Released by playbook: alert closed as a false positive');
