// n8n's logger echoes every node error to the console; the tests assert on those errors instead.
process.env.N8N_LOG_LEVEL = 'silent';
