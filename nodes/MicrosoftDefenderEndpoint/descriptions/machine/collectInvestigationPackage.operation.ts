import { launchDescription } from './shared';

export const description = launchDescription('collectInvestigationPackage', 'e.g. Collecting forensics for incident INC-1234');
