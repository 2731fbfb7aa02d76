import { launchDescription } from './shared';

export const description = launchDescription('restrictCodeExecution', 'e.g. Restricted by playbook: ransomware behaviour detected');
