import { setSafeRegexEngine } from 'n8n-workflow';

import { patientRegexEngine } from './harness/patientRegexEngine';

// n8n's logger echoes every node error to the console; the tests assert on those errors instead.
process.env.N8N_LOG_LEVEL = 'silent';
setSafeRegexEngine(patientRegexEngine);
